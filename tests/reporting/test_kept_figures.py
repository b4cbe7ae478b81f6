"""Given the figures page keeps what it worked out, when the lead opens it again, then the figures come from the
kept copy, charts and all; and when an event is recorded, the next view works them out again. Today is
1 March 2027."""

import datetime as dt

import pytest
from django.core.cache import cache

from opendsr.accounts.models import Role
from opendsr.register.models import Rating
from opendsr.register.timeline import record_event
from opendsr.reporting import kept, queries
from opendsr.reporting.disclosure import Rule

SHOW_ALL = Rule(threshold=0)


@pytest.fixture
def keeping(settings):
    settings.OPENDSR_FIGURES_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def worked_out(monkeypatch):
    """Counts how many times the figures are worked out from the register."""
    calls = []
    real = queries.figures_for_icb

    def counting(*args, **kwargs):
        calls.append(kwargs.get("period_kind"))
        return real(*args, **kwargs)

    monkeypatch.setattr(queries, "figures_for_icb", counting)
    return calls


def _red(person, day):
    record_event(person=person, type="stratified", date=day, data={"rating": "red"})


@pytest.mark.usefixtures("keeping")
def test_the_second_view_is_served_from_the_kept_figures_until_an_event_is_recorded(
    icb, today, make_person, worked_out
):
    """2 red on 1 February 2027: worked out once for two views (the same numbers, the charts kept too). A third
    person rated red on 2 February: the next view works them out again, and counts 3."""
    for _ in range(2):
        _red(make_person(current_rating=Rating.RED), dt.date(2027, 2, 1))
    first = kept.figures_for_icb(icb, today, period_kind="month", ending=dt.date(2027, 2, 1), rule=SHOW_ALL)
    second = kept.figures_for_icb(icb, today, period_kind="month", ending=dt.date(2027, 2, 1), rule=SHOW_ALL)
    assert len(worked_out) == 1
    assert second.on_register.shown == first.on_register.shown == 2
    assert second.breakdowns[0].chart.src == first.breakdowns[0].chart.src
    assert [f.text for f in second.figures] == [f.text for f in first.figures]
    assert second.rows() == first.rows()

    _red(make_person(current_rating=Rating.RED), dt.date(2027, 2, 2))
    third = kept.figures_for_icb(icb, today, period_kind="month", ending=dt.date(2027, 2, 1), rule=SHOW_ALL)
    assert len(worked_out) == 2
    assert third.on_register.shown == 3


@pytest.mark.usefixtures("keeping")
def test_each_period_and_rule_is_kept_on_its_own(icb, today, make_person, worked_out):
    _red(make_person(current_rating=Rating.RED), dt.date(2027, 2, 1))
    for period in ("month", "quarter", "month"):
        kept.figures_for_icb(icb, today, period_kind=period, ending=today, rule=SHOW_ALL)
    kept.figures_for_icb(icb, today, period_kind="month", ending=today, rule=Rule(threshold=7))
    assert worked_out == ["month", "quarter", "month"]


@pytest.mark.usefixtures("keeping")
def test_the_page_reads_the_same_from_the_kept_figures(login, make_user, make_person):
    for _ in range(9):
        _red(make_person(current_rating=Rating.RED), dt.date(2027, 2, 1))
    client = login(make_user(Role.ANALYST))
    first = client.get("/figures/").content.decode()
    second = client.get("/figures/").content.decode()
    assert "9 people" in second
    strip = lambda page: page.split("<main", 1)[1].split("</main>", 1)[0]  # noqa: E731
    assert strip(first) == strip(second)
