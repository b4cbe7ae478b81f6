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
import re
from collections.abc import Mapping
from importlib import resources

from opendsr.policy.model import Rating

POPULATIONS = ("adult", "child", "both")
DEFAULT_INSTRUMENT_FILES = ("default-adult.json", "default-child.json")

# Limits on an instrument brought in as JSON. The shipped instruments are about 10,000 characters and 5 levels
# deep (instrument, items, item, options, option); anything far beyond is a mistake or an attack.
MAX_JSON_CHARACTERS = 200_000
MAX_JSON_DEPTH = 8
MAX_WEIGHT = 1000  # a weight is a small whole number; bigger ones are typing slips
MAX_TEXT = 1000  # characters in a question, an answer, a name or a section


class InstrumentJSONError(ValueError):
    """JSON that cannot be an instrument: too long, nested too deeply, or not JSON. The message says which."""


def _deepest(text: str) -> int:
    """How deeply arrays and objects nest in JSON text, counted without parsing it (so a 5,000-deep text
    cannot exhaust the parser's stack)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def load_instrument_json(text: str) -> dict:
    """Parse an instrument from JSON text, within the size and depth limits."""
    if len(text) > MAX_JSON_CHARACTERS:
        raise InstrumentJSONError(
            f"The instrument must be {MAX_JSON_CHARACTERS:,} characters or fewer (it is {len(text):,})"
        )
    if _deepest(text) > MAX_JSON_DEPTH:
        raise InstrumentJSONError(
            f"The instrument is nested more than {MAX_JSON_DEPTH} levels deep: an instrument needs 5 "
            "(the instrument, its items, an item, its options, an option)"
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstrumentJSONError(
            f"The instrument is not valid JSON: {error.msg} on line {error.lineno}"
        ) from error
    except (RecursionError, ValueError) as error:
        raise InstrumentJSONError("The instrument is not valid JSON") from error
    if not isinstance(data, dict):
        raise InstrumentJSONError("The instrument must be a JSON object, starting with {")
    return data


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
    problems.extend(_text_problems(data, ("slug", "name", "version", "source"), ""))
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
        problems.extend(_id_problems(item.get("id"), seen_items, where, "another item"))
        if not item.get("text"):
            problems.append(f"{where}.text: missing")
        else:
            problems.extend(_text_problems(item, ("text", "section"), where))
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
            problems.extend(_id_problems(option.get("id"), seen_options, at, "another option of this item"))
            weight = option.get("weight")
            if isinstance(weight, bool) or not isinstance(weight, int):
                problems.append(f"{at}.weight: {weight!r} is not a whole number")
            elif weight < 0:
                problems.append(f"{at}.weight: {weight} is negative")
            elif weight > MAX_WEIGHT:
                problems.append(f"{at}.weight: {weight} is more than {MAX_WEIGHT}")
            if not option.get("label"):
                problems.append(f"{at}.label: missing")
            problems.extend(_text_problems(option, ("label",), at))

    problems.extend(_band_problems(data.get("bands"), _highest_score(items)))
    return problems


def describe_problem(problem: str) -> str:
    """A problem from `validate_instrument` in the words of the instrument page: "items[3].options[0].weight:
    -1 is negative" becomes "Question 4, answer 1, weight: -1 is negative"."""
    text = re.sub(r"^items\[(\d+)\]", lambda m: f"Question {int(m[1]) + 1}", problem)
    text = re.sub(r"\.options\[(\d+)\]", lambda m: f", answer {int(m[1]) + 1}", text)
    text = re.sub(r"^bands\[(\d+)\]", lambda m: f"Score band {int(m[1]) + 1}", text)
    text = re.sub(r"^items:", "Questions:", text)
    text = re.sub(r"^bands:", "Score bands:", text)
    text = re.sub(r"\.(id|text|label|weight|min|max|rating|options|section)\b", r", \1", text)
    return text[:1].upper() + text[1:]


def _id_problems(value, seen: set, at: str, other: str) -> list[str]:
    """An item's or an option's id: there, text, and used by no `other` seen before it (it joins `seen`)."""
    problems = []
    if not value:
        problems.append(f"{at}.id: missing")
    elif not isinstance(value, str):
        problems.append(f"{at}.id: {value!r} is not text")
        value = repr(value)
    elif value in seen:
        problems.append(f"{at}.id: {value!r} is used by {other}")
    seen.add(value)
    return problems


def _text_problems(mapping: Mapping, keys: tuple[str, ...], where: str) -> list[str]:
    problems = []
    for key in keys:
        value = mapping.get(key)
        at = f"{where}.{key}" if where else key
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            problems.append(f"{at}: {type(value).__name__} is not text")
        elif len(value) > MAX_TEXT * (4 if key == "source" else 1):
            problems.append(f"{at}: longer than {MAX_TEXT * (4 if key == 'source' else 1):,} characters")
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
        if low < 0 or (high is not None and high > MAX_WEIGHT * 1000):
            problems.append(f"{where}: scores run from 0 to at most {MAX_WEIGHT * 1000:,}")
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
