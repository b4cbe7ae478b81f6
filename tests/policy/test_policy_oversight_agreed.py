"""A C(E)TR agreed on request, outside the usual timescale, goes to the oversight panel (s13.2, s18)."""

import datetime as dt

from opendsr.policy import Event, EventType, Kind, PersonFacts, obligations_for


def test_an_agreed_request_raises_an_oversight_panel_review_on_the_day_it_was_agreed():
    facts = PersonFacts(date_of_birth=dt.date(1990, 1, 1))
    agreed = Event(date=dt.date(2027, 2, 22), type=EventType.CETR_REQUEST_AGREED, data={})
    panel = [
        o
        for o in obligations_for(facts, [agreed], dt.date(2027, 3, 1))
        if o.kind == Kind.OVERSIGHT_PANEL_REVIEW
    ]
    assert len(panel) == 1
    assert panel[0].raised_on == dt.date(2027, 2, 22) and panel[0].due == dt.date(2027, 5, 22)
    assert "outside the usual timescale" in panel[0].reasons[0]


def test_without_one_nothing_is_raised():
    facts = PersonFacts(date_of_birth=dt.date(1990, 1, 1))
    assert obligations_for(facts, [], dt.date(2027, 3, 1)) == []
