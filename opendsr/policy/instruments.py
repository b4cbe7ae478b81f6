"""Risk stratification instruments: scoring answers and banding the score into a RAG rating (policy s4,
Appendix 2; Cambridgeshire and Peterborough bands).

Instruments are versioned data, not code, so a local area can adopt its own (the policy recommends the
Cheshire and Wirral Partnership tool "or similar locally developed alternative", s4). An instrument is a
mapping:

    {"slug", "name", "version", "population": "adult" | "child" | "both",
     "items": [{"id", "text", "section", "options": [{"id", "label", "weight"}]}],
     "bands": [{"min": 0, "max": 4, "rating": "green"}, ..., {"min": 8, "max": None, "rating": "red"}]}

The score is the sum of the chosen options' weights; the band whose range holds the score gives the rating.
The tool informs, and never replaces, the professional judgement and the views of the person and family that
s4 requires in every stratification.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources

from opendsr.policy.model import Rating

POPULATIONS = ("adult", "child", "both")
DEFAULT_INSTRUMENT_FILES = ("default-adult.json", "default-child.json")


def _weights(item: Mapping) -> list:
    return [option.get("weight") for option in item.get("options") or () if isinstance(option, Mapping)]


def validate_instrument(data) -> list[str]:
    """Every problem with an instrument, in words; an empty list when it can be used."""
    if not isinstance(data, Mapping):
        return ["the instrument is not an object"]
    problems: list[str] = []
    for key in ("slug", "name", "version"):
        if not data.get(key):
            problems.append(f"{key}: missing")
    if data.get("population") not in POPULATIONS:
        problems.append(f"population: {data.get('population')!r} is not one of {', '.join(POPULATIONS)}")

    items = data.get("items")
    if not isinstance(items, list) or not items:
        problems.append("items: an instrument needs at least one item")
        items = []
    seen_items: set = set()
    for i, item in enumerate(items):
        where = f"items[{i}]"
        if not isinstance(item, Mapping):
            problems.append(f"{where}: not an object")
            continue
        item_id = item.get("id")
        if not item_id:
            problems.append(f"{where}.id: missing")
        elif item_id in seen_items:
            problems.append(f"{where}.id: {item_id!r} is used by another item")
        seen_items.add(item_id)
        if not item.get("text"):
            problems.append(f"{where}.text: missing")
        options = item.get("options")
        if not isinstance(options, list) or not options:
            problems.append(f"{where}.options: an item needs at least one option")
            continue
        seen_options: set = set()
        for j, option in enumerate(options):
            at = f"{where}.options[{j}]"
            if not isinstance(option, Mapping):
                problems.append(f"{at}: not an object")
                continue
            option_id = option.get("id")
            if not option_id:
                problems.append(f"{at}.id: missing")
            elif option_id in seen_options:
                problems.append(f"{at}.id: {option_id!r} is used by another option of this item")
            seen_options.add(option_id)
            weight = option.get("weight")
            if isinstance(weight, bool) or not isinstance(weight, int):
                problems.append(f"{at}.weight: {weight!r} is not a whole number")
            elif weight < 0:
                problems.append(f"{at}.weight: {weight} is negative")

    problems.extend(_band_problems(data.get("bands"), _highest_score(items)))
    return problems


def _highest_score(items: list) -> int:
    total = 0
    for item in items:
        if isinstance(item, Mapping):
            weights = [w for w in _weights(item) if isinstance(w, int) and not isinstance(w, bool)]
            total += max(weights, default=0)
    return total


def _band_problems(bands, highest: int) -> list[str]:
    """Bands must run from 0, without gaps or overlaps, up to the highest score possible (or open-ended)."""
    if not isinstance(bands, list) or not bands:
        return ["bands: an instrument needs at least one band"]
    problems: list[str] = []
    ratings = [r.value for r in Rating]
    usable = []
    for i, band in enumerate(bands):
        where = f"bands[{i}]"
        if not isinstance(band, Mapping):
            problems.append(f"{where}: not an object")
            continue
        low, high = band.get("min"), band.get("max")
        if isinstance(low, bool) or not isinstance(low, int):
            problems.append(f"{where}.min: {low!r} is not a whole number")
            continue
        if high is not None and (isinstance(high, bool) or not isinstance(high, int)):
            problems.append(f"{where}.max: {high!r} is not a whole number or null")
            continue
        if high is not None and high < low:
            problems.append(f"{where}: max {high} is below min {low}")
            continue
        if band.get("rating") not in ratings:
            problems.append(f"{where}.rating: {band.get('rating')!r} is not one of {', '.join(ratings)}")
        usable.append((low, high, where))
    if problems:
        return problems
    usable.sort(key=lambda band: band[0])
    expected = 0
    for low, high, where in usable:
        if expected is None:
            problems.append(f"{where}: overlaps an open-ended band below it")
            continue
        if low > expected:
            problems.append(f"{where}: scores {expected} to {low - 1} fall in no band")
        elif low < expected:
            problems.append(f"{where}: overlaps the band below it (scores {low} to {expected - 1})")
        expected = None if high is None else max(expected, high + 1)
    if expected is not None and expected <= highest:
        problems.append(f"bands: scores {expected} to {highest} fall in no band")
    return problems


def score(instrument: Mapping, answers: Mapping[str, str]) -> int:
    """The sum of the weights of the chosen options. Every item must be answered, with one of its options."""
    items = {item["id"]: item for item in instrument["items"]}
    unknown = sorted(set(answers) - set(items))
    if unknown:
        raise ValueError(f"{instrument['slug']}: no item {', '.join(map(repr, unknown))} in this instrument")
    unanswered = [item_id for item_id in items if item_id not in answers]
    if unanswered:
        raise ValueError(f"{instrument['slug']}: not answered: {', '.join(map(repr, unanswered))}")
    total = 0
    for item_id, option_id in answers.items():
        for option in items[item_id]["options"]:
            if option["id"] == option_id:
                total += option["weight"]
                break
        else:
            choices = ", ".join(repr(option["id"]) for option in items[item_id]["options"])
            raise ValueError(
                f"{instrument['slug']}: item {item_id!r} has no option {option_id!r} (choose {choices})"
            )
    return total


def band(instrument: Mapping, total: int) -> str:
    """The rating of the band that holds the score."""
    for entry in instrument["bands"]:
        if total >= entry["min"] and (entry["max"] is None or total <= entry["max"]):
            return entry["rating"]
    raise ValueError(f"{instrument['slug']}: no band holds the score {total}")


def load_default_instruments() -> list[dict]:
    """The default adult and child instruments shipped with OpenDSR (Appendix 1 factors, s4 triggers)."""
    folder = resources.files("opendsr.policy.instruments_data")
    return [
        json.loads(folder.joinpath(name).read_text(encoding="utf-8")) for name in DEFAULT_INSTRUMENT_FILES
    ]
