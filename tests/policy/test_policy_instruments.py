"""Risk instruments are data: scored by summing weights, banded 0-4 green, 5-7 amber, 8+ red (003)."""

import pytest

from opendsr.policy import band, load_default_instruments, score, validate_instrument


@pytest.fixture(scope="module")
def defaults():
    return {instrument["population"]: instrument for instrument in load_default_instruments()}


def small_instrument(**overrides):
    instrument = {
        "slug": "test",
        "name": "Test instrument",
        "version": "1",
        "population": "both",
        "items": [
            {
                "id": f"item{i}",
                "text": f"Item {i}",
                "section": "s4",
                "options": [
                    {"id": "no", "label": "No", "weight": 0},
                    {"id": "yes", "label": "Yes", "weight": 3},
                ],
            }
            for i in range(4)
        ],
        "bands": [
            {"min": 0, "max": 4, "rating": "green"},
            {"min": 5, "max": 7, "rating": "amber"},
            {"min": 8, "max": None, "rating": "red"},
        ],
    }
    instrument.update(overrides)
    return instrument


def answers_for(instrument, yes=()):
    return {item["id"]: ("yes" if item["id"] in yes else "no") for item in instrument["items"]}


def test_the_default_adult_and_child_instruments_are_valid(defaults):
    assert set(defaults) == {"adult", "child"}
    for instrument in defaults.values():
        assert validate_instrument(instrument) == []
        assert len(instrument["items"]) >= 19


def test_the_default_instruments_cover_the_section_4_monitoring_triggers(defaults):
    for instrument in defaults.values():
        ids = {item["id"] for item in instrument["items"]}
        assert {"harm", "placement_at_risk", "police", "urgent_care", "admission_considered"} <= ids
        assert {"admitted_last_year", "crisis_team_last_year"} <= ids


def test_serious_risk_of_harm_weighs_more_than_an_appendix_1_factor(defaults):
    weights = {item["id"]: item["options"][1]["weight"] for item in defaults["adult"]["items"]}
    assert weights["harm"] > weights["no_fixed_address"]


def test_no_risk_factors_is_green(defaults):
    adult = defaults["adult"]
    assert score(adult, answers_for(adult)) == 0
    assert band(adult, 0) == "green"


def test_the_three_most_serious_triggers_together_are_red(defaults):
    adult = defaults["adult"]
    total = score(adult, answers_for(adult, yes=("harm", "placement_at_risk", "admission_considered")))
    assert band(adult, total) == "red"


@pytest.mark.parametrize(
    ("total", "rating"), [(0, "green"), (4, "green"), (5, "amber"), (7, "amber"), (8, "red"), (40, "red")]
)
def test_cambridgeshire_and_peterborough_bands(defaults, total, rating):
    assert band(defaults["child"], total) == rating


def test_score_sums_the_chosen_options():
    instrument = small_instrument()
    assert score(instrument, answers_for(instrument, yes=("item0", "item2"))) == 6


def test_score_refuses_unknown_items_options_and_gaps():
    instrument = small_instrument()
    with pytest.raises(ValueError, match="no item 'item9'"):
        score(instrument, {**answers_for(instrument), "item9": "yes"})
    with pytest.raises(ValueError, match="has no option 'maybe'"):
        score(instrument, {**answers_for(instrument), "item1": "maybe"})
    answers = answers_for(instrument)
    del answers["item3"]
    with pytest.raises(ValueError, match="not answered: 'item3'"):
        score(instrument, answers)


def test_a_negative_score_is_in_no_band():
    with pytest.raises(ValueError, match="no band"):
        band(small_instrument(), -1)


def test_validate_finds_overlapping_bands():
    problems = validate_instrument(
        small_instrument(
            bands=[{"min": 0, "max": 5, "rating": "green"}, {"min": 5, "max": None, "rating": "red"}]
        )
    )
    assert problems == ["bands[1]: overlaps the band below it (scores 5 to 5)"]


def test_validate_finds_gaps_between_bands_and_at_either_end():
    gap = validate_instrument(
        small_instrument(
            bands=[{"min": 0, "max": 4, "rating": "green"}, {"min": 6, "max": None, "rating": "red"}]
        )
    )
    assert gap == ["bands[1]: scores 5 to 5 fall in no band"]
    low = validate_instrument(small_instrument(bands=[{"min": 1, "max": None, "rating": "red"}]))
    assert low == ["bands[0]: scores 0 to 0 fall in no band"]
    high = validate_instrument(small_instrument(bands=[{"min": 0, "max": 10, "rating": "green"}]))
    assert high == ["bands: scores 11 to 12 fall in no band"]


def test_validate_finds_no_items_duplicate_ids_and_negative_weights():
    assert "items: an instrument needs at least one item" in validate_instrument(small_instrument(items=[]))
    instrument = small_instrument()
    instrument["items"][1]["id"] = "item0"
    instrument["items"][2]["options"][1]["weight"] = -2
    instrument["items"][3]["options"][1]["id"] = "no"
    assert validate_instrument(instrument) == [
        "items[1].id: 'item0' is used by another item",
        "items[2].options[1].weight: -2 is negative",
        "items[3].options[1].id: 'no' is used by another option of this item",
    ]


def test_validate_finds_unknown_ratings_and_populations():
    problems = validate_instrument(
        small_instrument(population="everyone", bands=[{"min": 0, "max": None, "rating": "blue"}])
    )
    assert problems == [
        "population: 'everyone' is not one of adult, child, both",
        "bands[0].rating: 'blue' is not one of red, amber, green, not_eligible",
    ]


def test_loading_the_defaults_gives_fresh_copies():
    first = load_default_instruments()
    first[0]["items"].clear()
    assert load_default_instruments()[0]["items"]
