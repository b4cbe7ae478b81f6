"""The C(E)TR rules over plain data: no database."""

import datetime as dt

from opendsr.reviews import rules

TODAY = dt.date(2026, 6, 15)


def member(**values):
    return rules.Member(
        **{"name": "Ann Lee", "role": "clinical_expert", "induction_trained_on": TODAY} | values
    )


def facts(**values):
    return rules.PanelFacts(**{"given_name": "Sam"} | values)


def test_training_is_current_until_the_valid_months_have_passed():
    assert rules.training_status(member(induction_trained_on=dt.date(2025, 6, 15)), TODAY, 12) == (
        "current",
        "",
    )
    state, warning = rules.training_status(member(induction_trained_on=dt.date(2025, 6, 14)), TODAY, 12)
    assert state == "expired"
    assert warning == "Ann Lee's induction training (14 June 2025) is more than 12 months old"


def test_training_never_recorded_is_missing():
    assert rules.training_status(member(induction_trained_on=None), TODAY, 12) == (
        "missing",
        "Ann Lee has no induction training recorded",
    )


def test_a_member_who_works_where_the_person_is_may_have_a_conflict():
    warnings = rules.panel_warnings(
        member(conflict_organisations="Oakwood Hospital\n"),
        facts(places=("Oakwood Hospital, Ward 3", "")),
        TODAY,
        12,
    )
    assert warnings == [
        "Ann Lee may have a conflict of interest: Oakwood Hospital (Oakwood Hospital, Ward 3)"
    ]


def test_a_children_and_young_people_review_needs_that_experience_except_from_the_chair():
    cyp = facts(children_and_young_people=True)
    assert rules.panel_warnings(member(), cyp, TODAY, 12) == [
        "Ann Lee has no children and young people experience recorded"
    ]
    assert rules.panel_warnings(member(role="chair"), cyp, TODAY, 12) == []
    assert rules.panel_warnings(member(specialisms=("children",)), cyp, TODAY, 12) == []


def test_the_whole_panel_names_empty_seats_and_missing_autism_expertise():
    warnings = rules.whole_panel_warnings(facts(autistic=True), {"chair": member(role="chair")})
    assert warnings == [
        "The panel has no clinical expert",
        "The panel has no expert by experience",
        "Sam is autistic and nobody on the panel has autism expertise",
    ]


def test_the_person_asking_for_a_woman_on_the_panel_is_warned_about_each_man():
    asked = facts(preferred_gender="woman", preferred_gender_label="Woman")
    man = member(gender="man", gender_label="Man")
    assert rules.panel_warnings(man, asked, TODAY, 12) == [
        "Sam asked for a woman on the panel; Ann Lee is a man"
    ]


def invitees(**values):
    return rules.proposed_invitees(rules.InviteeFacts(**{"full_name": "Sam Green"} | values))


def test_a_young_person_from_16_is_proposed_the_transitions_team_and_a_keyworker_who_must_attend():
    young = {row["role"]: row for row in invitees(children_and_young_people=True, age=16)}
    assert "transitions_team" in young
    assert young["keyworker"]["must_attend"] is True
    assert young["keyworker"]["suggestion"] == "Keyworker — name to be added"
    assert "transitions_team" not in {row["role"] for row in invitees(children_and_young_people=True, age=15)}
    assert "adult_social_care" in {row["role"] for row in invitees(age=30)}


def test_a_mother_of_a_young_person_is_proposed_as_a_parent_and_not_again_once_invited():
    carers = (("Jo Green", "Mother"),)
    first = {row["name"]: row["role"] for row in invitees(children_and_young_people=True, carers=carers)}
    assert first["Jo Green"] == "parent"
    again = invitees(children_and_young_people=True, carers=carers, invited=(("parent", " jo green"),))
    assert "Jo Green" not in {row["name"] for row in again}


def test_a_role_is_not_proposed_again_once_anyone_in_it_is_invited():
    rows = invitees(inpatient=True, invited=(("senior_nurse", "Pat Kay"),))
    roles = {row["role"] for row in rows}
    assert "responsible_clinician" in roles
    assert "senior_nurse" not in roles


def test_the_report_goes_to_the_person_and_the_family_and_advocates_invited():
    recipients = rules.report_recipients(
        ("Sam Green", "sam@example.org"),
        [
            ("parent", "Jo Green", ""),
            ("advocate", "Lee Ray", "lee@example.org"),
            ("senior_nurse", "Pat Kay", "p@x"),
        ],
    )
    assert recipients == "Sam Green, sam@example.org\nJo Green\nLee Ray, lee@example.org"
    assert rules.report_recipients(("Sam Green", ""), []) == "Sam Green"


def test_a_review_is_organised_once_for_an_agreed_request_or_an_upheld_appeal():
    assert rules.may_organise_on_request("agreed", "", has_review=False)
    assert rules.may_organise_on_request("declined", "upheld", has_review=False)
    assert not rules.may_organise_on_request("declined", "not_upheld", has_review=False)
    assert not rules.may_organise_on_request("agreed", "", has_review=True)
