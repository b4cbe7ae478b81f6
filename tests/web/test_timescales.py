"""Pages and letters state the policy's timescales in words read from the policy core."""

from opendsr.policy import Days, Months, Weeks, WorkingDays
from opendsr.web.formatting import how_often, timescale, timescales


def test_a_timescale_reads_as_a_sentence_says_it():
    assert timescale(WorkingDays(5)) == "5 working days"
    assert timescale(WorkingDays(1)) == "1 working day"
    assert timescale(Days(28)) == "4 weeks"
    assert timescale(Days(1)) == "24 hours"
    assert timescale(Days(2)) == "48 hours"
    assert timescale(Days(10)) == "10 days"
    assert timescale(Weeks(6)) == "6 weeks"
    assert timescale(Months(12)) == "12 months"


def test_the_timescales_pages_state_are_the_policys():
    assert timescales() == {
        "acknowledge_referral": "5 working days",
        "stratify_referral": "4 weeks",
        "communicate_outcome": "24 hours",
        "recheck_consent": "12 months",
        "cetr_report": "10 working days",
        "lts_report": "6 weeks",
        "transfer_cetr": "6 weeks",
        "moj_contact": "1 week",
        "oversight_visit_cyp": "6 weeks",
        "oversight_visit_adult": "8 weeks",
        "segregation_entitlement": "48 hours",
        "panel_meets": "quarterly",
        "panel_gap": "3 months",
    }


def test_how_often_reads_in_the_policys_words():
    assert how_often(Months(3)) == "quarterly"
    assert how_often(Months(12)) == "yearly"
    assert how_often(Months(2)) == "every 2 months"
    assert how_often(Weeks(6)) == "every 6 weeks"


def test_no_page_or_letter_types_a_policy_timescale_itself():
    """The words come from the constants: a template, letter or view that types "10 working days" would not follow
    a change to the rule."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "opendsr"
    typed = []
    views = [
        *root.rglob("views.py"),
        *root.rglob("views/*.py"),
        *root.rglob("queries.py"),
        *root.rglob("queries/*.py"),
    ]
    for path in list(root.rglob("*.jinja")) + [root / "referrals" / "letters.py"] + views:
        text = path.read_text()
        for words in (
            "5 working days",
            "10 working days",
            "within 4 weeks",
            "within 24 hours",
            "every 12 months",
            "6 weeks",
            "six weeks",
            "six-weekly",
            "8 weeks",
            "within one week",
            "48 hours",
            "at least quarterly",
            "quarterly meeting",
        ):
            if words in text:
                typed.append(f"{path.relative_to(root)}: {words}")
    assert typed == []
