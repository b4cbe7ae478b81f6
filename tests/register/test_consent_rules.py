"""The consent age rules, without the database."""

import pytest

from opendsr.register.consent_rules import problems, rule_for


@pytest.mark.parametrize(
    ("rule", "age", "allowed"),
    [
        ("national", 12, {"person", "parental_responsibility"}),
        ("national", 15, {"person", "parental_responsibility"}),
        ("national", 16, {"person", "parental_responsibility", "deputy", "best_interests"}),
        ("national", 30, {"person", "lpa", "deputy", "best_interests"}),
        ("cambridgeshire", 13, {"parental_responsibility"}),
        ("cambridgeshire", 14, {"person", "best_interests"}),
        ("cambridgeshire", 17, {"person", "best_interests"}),
        ("cambridgeshire", 18, {"person", "lpa", "deputy", "best_interests"}),
    ],
)
def test_who_may_consent_at_each_age(rule, age, allowed):
    assert set(rule_for(rule, age).allowed) == allowed


def test_the_rule_explains_itself_in_words():
    assert "Gillick" in rule_for("national", 15).explanation
    assert "presumed to have capacity" in rule_for("national", 17).explanation
    assert "Under 14" in rule_for("cambridgeshire", 10).explanation
    assert "must agree" in rule_for("cambridgeshire", 14).explanation


def test_a_parent_cannot_consent_for_a_14_year_old_under_the_cambridgeshire_rule():
    found = problems(
        "cambridgeshire", 14, given_by="parental_responsibility", capacity_notes="", best_interests_record=""
    )
    assert set(found) == {"given_by"}


def test_a_representative_needs_a_capacity_note_and_best_interests_a_record():
    assert set(problems("national", 40, given_by="lpa", capacity_notes="", best_interests_record="")) == {
        "capacity_notes"
    }
    assert set(
        problems(
            "national", 40, given_by="best_interests", capacity_notes="Assessed", best_interests_record=""
        )
    ) == {"best_interests_record"}
    assert problems("national", 40, given_by="person", capacity_notes="", best_interests_record="") == {}
