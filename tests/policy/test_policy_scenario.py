"""Reading scenarios and events from plain data, refusing anything the contract does not allow."""

import datetime as dt

import pytest

from opendsr.policy import EventType, PersonFacts, ScenarioError, event_from_dict, parse_scenario


def scenario(**overrides):
    base = {
        "today": "2027-02-01",
        "person": {"date_of_birth": "2011-03-14"},
        "events": [{"date": "2027-01-04", "type": "admitted", "setting": "non_secure", "route": "civil"}],
    }
    base.update(overrides)
    return base


def error_for(obj) -> str:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(obj)
    return str(caught.value)


def test_a_valid_scenario_gives_facts_events_and_today():
    facts, events, today = parse_scenario(
        scenario(expect=[], person={"date_of_birth": "2011-03-14", "has_ehcp": True})
    )
    assert facts == PersonFacts(date_of_birth=dt.date(2011, 3, 14), has_ehcp=True)
    assert today == dt.date(2027, 2, 1)
    assert events[0].type is EventType.ADMITTED
    assert events[0].data == {"setting": "non_secure", "route": "civil"}


def test_an_unknown_event_type_is_named():
    assert error_for(scenario(events=[{"date": "2026-12-01", "type": "teleported"}])) == (
        "events[0]: unknown event type 'teleported'"
    )


def test_an_impossible_date_is_named_with_its_place():
    events = [
        {"date": "2027-01-04", "type": "mdt_held"},
        {"date": "2027-01-05", "type": "mdt_held"},
        {"date": "2027-02-30", "type": "mdt_held"},
    ]
    assert error_for(scenario(events=events)) == "events[2].date: '2027-02-30' is not a date (YYYY-MM-DD)"


@pytest.mark.parametrize("bad", ["4 January 2027", "20270104", "2027-1-4", 20270104, "2027-W01-1"])
def test_dates_must_be_written_yyyy_mm_dd(bad):
    assert "is not a date (YYYY-MM-DD)" in error_for(scenario(today=bad))


def test_missing_date_of_birth():
    assert error_for(scenario(person={})) == "person.date_of_birth: missing"


def test_person_flags_must_be_true_or_false():
    message = error_for(scenario(person={"date_of_birth": "2011-03-14", "moj_restricted": "yes"}))
    assert message == "person.moj_restricted: 'yes' is not true or false"


def test_missing_today_person_or_events():
    assert error_for({"person": {"date_of_birth": "2011-03-14"}, "events": []}) == "today: missing"
    assert error_for({"today": "2027-01-01", "events": []}) == "person: missing"
    assert error_for({"today": "2027-01-01", "person": {"date_of_birth": "2011-03-14"}}) == "events: missing"


def test_events_must_be_a_list_of_objects():
    assert error_for(scenario(events={})) == "events: {} is not a list"
    assert error_for(scenario(events=["admitted"])) == "events[0]: 'admitted' is not an object"


def test_a_scenario_must_be_an_object():
    assert "not an object" in error_for([])


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (
            {"date": "2027-01-04", "type": "stratified"},
            "events[0].rating: missing (required for stratified events)",
        ),
        (
            {"date": "2027-01-04", "type": "stratified", "rating": "purple"},
            "events[0].rating: 'purple' is not one of red, amber, green, not_eligible",
        ),
        (
            {"date": "2027-01-04", "type": "admitted", "setting": "secure"},
            "events[0].route: missing (required for admitted events)",
        ),
        (
            {"date": "2027-01-04", "type": "transferred", "setting": "medium"},
            "events[0].setting: 'medium' is not one of non_secure, secure",
        ),
        (
            {"date": "2027-01-04", "type": "cetr_held", "kind": "desktop"},
            "events[0].kind: 'desktop' is not one of community, post_admission, inpatient, transfer, "
            "diagnosis, diagnosis_removal, post_discharge, requested, independent",
        ),
        (
            {"date": "2027-01-04", "type": "referral_received", "source": "gp"},
            "events[0].source: 'gp' is not one of professional, self, family, cetr_request",
        ),
        (
            {"date": "2027-01-04", "type": "diagnosis_removal_proposed", "change_date": "soon"},
            "events[0].change_date: 'soon' is not a date (YYYY-MM-DD)",
        ),
        (
            {"date": "2027-01-04", "type": "oversight_visit", "sit_and_see": "yes"},
            "events[0].sit_and_see: 'yes' is not true or false",
        ),
        ({"type": "mdt_held"}, "events[0].date: missing"),
        ({"date": "2027-01-04"}, "events[0].type: missing"),
    ],
)
def test_event_fields_are_checked(event, message):
    assert error_for(scenario(events=[event])) == message


def test_optional_fields_may_be_left_out_and_unknown_fields_are_ignored():
    _, events, _ = parse_scenario(
        scenario(
            events=[
                {"date": "2027-01-04", "type": "transferred"},
                {"date": "2027-01-05", "type": "oversight_visit", "note": "calm ward"},
            ]
        )
    )
    assert [e.data for e in events] == [{}, {}]


def test_events_keep_their_file_order_as_seq():
    _, events, _ = parse_scenario(
        scenario(
            events=[{"date": "2027-01-05", "type": "mdt_held"}, {"date": "2027-01-04", "type": "mdt_held"}]
        )
    )
    assert [e.seq for e in events] == [0, 1]


def test_event_from_dict_is_what_the_web_app_uses_to_check_an_event():
    event = event_from_dict({"date": "2027-01-04", "type": "stratified", "rating": "red"}, ref="rating:3")
    assert (event.date, event.type, event.data, event.ref) == (
        dt.date(2027, 1, 4),
        EventType.STRATIFIED,
        {"rating": "red"},
        "rating:3",
    )
    with pytest.raises(ScenarioError, match=r"^event\.rating: missing"):
        event_from_dict({"date": "2027-01-04", "type": "stratified"})


def test_change_date_is_kept_as_written():
    event = event_from_dict(
        {"date": "2027-01-04", "type": "diagnosis_removal_proposed", "change_date": "2027-03-01"}
    )
    assert event.data == {"change_date": "2027-03-01"}
