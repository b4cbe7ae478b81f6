"""Properties of the policy clock that hold for any timeline."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from opendsr.policy import Event, EventType, Kind, PersonFacts, Status, add_months, obligations_for
from opendsr.policy.timeline import Timeline

FIELD_VALUES = {
    EventType.REFERRAL_RECEIVED: {"source": ["professional", "self", "family", "cetr_request"]},
    EventType.STRATIFIED: {"rating": ["red", "amber", "green", "not_eligible"]},
    EventType.CETR_HELD: {
        "kind": ["community", "post_admission", "inpatient", "transfer", "diagnosis", "diagnosis_removal"]
    },
    EventType.ADMITTED: {"setting": ["non_secure", "secure"], "route": ["civil", "criminal_justice"]},
    EventType.TRANSFERRED: {"setting": ["non_secure", "secure", None]},
    EventType.CONSENT_GIVEN: {"given_by": ["person", "other", None]},
    EventType.CONSENT_CHECKED: {"given_by": ["person", "other", None]},
    EventType.OVERSIGHT_VISIT: {"sit_and_see": [True, False, None]},
    EventType.ESCALATION_REQUESTED: {
        "by": ["person", "family", "responsible_clinician", "commissioner", "advocate"]
    },
}
# Admissions, reviews and visits are the events that matter most; list them more than once.
TYPES = [*EventType, EventType.ADMITTED, EventType.CETR_HELD, EventType.CETR_HELD, EventType.OVERSIGHT_VISIT]
START, END = dt.date(2024, 1, 1), dt.date(2028, 12, 31)
dates = st.dates(min_value=START, max_value=END)


@st.composite
def events(draw, type_=None):
    kind = type_ or draw(st.sampled_from(TYPES))
    date = draw(dates)
    data = {}
    for name, values in FIELD_VALUES.get(kind, {}).items():
        value = draw(st.sampled_from(values))
        if value is not None:
            data[name] = value
    if kind is EventType.DIAGNOSIS_REMOVAL_PROPOSED:
        data["change_date"] = (date + dt.timedelta(days=draw(st.integers(1, 120)))).isoformat()
    if kind is EventType.CETR_PLANNED:
        data["planned_date"] = (date + dt.timedelta(days=draw(st.integers(0, 120)))).isoformat()
    return Event(date=date, type=kind, data=data)


facts = st.builds(
    PersonFacts,
    date_of_birth=st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2022, 1, 1)),
    has_ehcp=st.booleans(),
    in_cyp_tier4=st.booleans(),
    moj_restricted=st.booleans(),
    has_unpaid_carer=st.booleans(),
    known_to_keyworker=st.booleans(),
    self_consent_age=st.sampled_from([14, 16, 18]),
)
timelines = st.lists(events(), max_size=20)
PROPERTY = settings(max_examples=200, deadline=None)


def _signature(obligations):
    return sorted(
        (o.kind.value, o.raised_on, o.due or dt.date.min, o.met_on or dt.date.min, o.reasons)
        for o in obligations
    )


@PROPERTY
@given(facts, timelines, dates)
def test_any_timeline_gives_well_formed_obligations(person, timeline, today):
    for obligation in obligations_for(person, timeline, today):
        assert isinstance(obligation.kind, Kind)
        assert obligation.basis
        # The independent C(E)TR takes the date the stay's next C(E)TR was due, which may have passed; a
        # sit-and-see is due on the date the C(E)TR was planned for, as recorded.
        if obligation.due is not None and obligation.kind not in (Kind.INDEPENDENT_CETR, Kind.SIT_AND_SEE):
            assert obligation.due >= obligation.raised_on, (
                "a due date is never before the event that raised it"
            )
        if obligation.met_on is not None:
            assert obligation.met_on >= obligation.raised_on
        if obligation.kind is Kind.OVERSIGHT_PANEL_REVIEW:
            assert obligation.due == add_months(obligation.raised_on, 3) and obligation.reasons


@PROPERTY
@given(facts, timelines, dates)
def test_a_person_has_at_most_one_open_panel_review_and_each_panel_review_is_met_once(
    person, timeline, today
):
    obligations = obligations_for(person, timeline, today)
    panel = [o for o in obligations if o.kind is Kind.OVERSIGHT_PANEL_REVIEW]
    assert sum(o.is_open for o in panel) <= 1
    reviews = [e for e in timeline if e.type is EventType.OVERSIGHT_PANEL_REVIEWED]
    assert sum(o.met_on is not None for o in panel) <= len(reviews)


def _well_formed(timeline):
    return not list(Timeline(timeline).admission_errors())


# Events whose order on one date still says something: which consent stands (who gave it), and leaving the
# register (a return the same day).
_ORDER_MATTERS = {EventType.CONSENT_GIVEN, EventType.CONSENT_CHECKED, EventType.LEFT_REGISTER}


@PROPERTY
@given(facts, st.lists(events(), max_size=20), dates, st.randoms())
def test_dates_decide_so_the_order_of_events_on_one_date_does_not_matter(person, timeline, today, rng):
    timeline = [e for e in timeline if e.type not in _ORDER_MATTERS]
    shuffled = list(timeline)
    rng.shuffle(shuffled)
    if not (_well_formed(timeline) and _well_formed(shuffled)):
        return
    assert _open(obligations_for(person, shuffled, today), today) == _open(
        obligations_for(person, timeline, today), today
    )


def _open(obligations, today):
    return sorted(
        (o.kind.value, o.due or dt.date.min, o.status(today).value) for o in obligations if o.is_open
    )


@PROPERTY
@given(facts, timelines, dates)
def test_statuses_agree_with_today(person, timeline, today):
    for obligation in obligations_for(person, timeline, today):
        got = obligation.status(today)
        if obligation.met_on is not None:
            assert got is Status.MET
        elif obligation.ended_on is not None:
            assert got is Status.ENDED and not obligation.is_open
        elif obligation.due is not None and obligation.due < today:
            assert got is Status.OVERDUE
        else:
            assert got is Status.DUE


@PROPERTY
@given(facts, timelines, dates, dates)
def test_a_laep_changes_nothing_because_it_is_not_a_cetr(person, timeline, today, laep_on):
    with_laep = [*timeline, Event(date=laep_on, type=EventType.LAEP_HELD)]
    assert _signature(obligations_for(person, with_laep, today)) == _signature(
        obligations_for(person, timeline, today)
    )


@PROPERTY
@given(facts, timelines, dates, st.integers(1, 400))
def test_a_meeting_after_today_and_the_timeline_never_changes_an_obligation_already_met(
    person, timeline, today, days_later
):
    last = max([today, *(e.date for e in timeline)])
    later = [*timeline, Event(date=last + dt.timedelta(days=days_later), type=EventType.MDT_HELD)]
    met_before = [o for o in obligations_for(person, timeline, today) if o.met_on is not None]
    after = obligations_for(person, later, today)
    assert set(_signature(met_before)) <= set(_signature(after))


@PROPERTY
@given(facts, st.lists(events(), max_size=15, unique_by=lambda e: e.date), dates, st.randoms())
def test_the_order_events_are_given_in_does_not_matter_when_their_dates_differ(person, timeline, today, rng):
    shuffled = list(timeline)
    rng.shuffle(shuffled)
    assert _signature(obligations_for(person, shuffled, today)) == _signature(
        obligations_for(person, timeline, today)
    )


@st.composite
def stays_ending_in_a_discharge(draw):
    """A timeline with at least one admission, whose last event, alone on its day, is a discharge."""
    earlier = [draw(events(EventType.ADMITTED)), *draw(st.lists(events(), max_size=20))]
    last = max(e.date for e in earlier)
    discharged_on = draw(
        st.dates(min_value=last + dt.timedelta(days=1), max_value=last + dt.timedelta(days=400))
    )
    return [*earlier, Event(date=discharged_on, type=EventType.DISCHARGED, data={})]


@PROPERTY
@given(facts, stays_ending_in_a_discharge(), dates)
def test_every_open_obligation_of_an_admission_belongs_to_a_current_stay(person, timeline, today):
    """After the last discharge (with no admission since), no admission obligation is open."""
    admission_kinds = {
        Kind.SIX_WEEK_CETR,
        Kind.POST_ADMISSION_CETR,
        Kind.REPEAT_CETR,
        Kind.TRANSFER_CETR,
        Kind.DIAGNOSIS_CETR,
        Kind.OVERSIGHT_VISIT,
        Kind.MOJ_CONTACT,
    }
    for obligation in obligations_for(person, timeline, today):
        if obligation.kind in admission_kinds:
            assert obligation.met_on is not None
