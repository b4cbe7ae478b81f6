"""Given a register whose people were rated, admitted, discharged and left on known days, when the figures are
for a past period, then the people on the register are counted as they stood at the end of that period, read
from the timeline, not as they stand today. Today is 1 March 2027."""

import datetime as dt

import pytest

from opendsr.accounts.models import Role
from opendsr.register.models import Location, Rating, RegisterStatus
from opendsr.register.timeline import record_event
from opendsr.reporting import queries
from opendsr.reporting.disclosure import Rule
from opendsr.reporting.models import SmallNumbers

SHOW_ALL = Rule(threshold=0)  # nothing hidden, so the counts can be read one by one


@pytest.fixture
def register(make_person):
    """Six people:

    - Ash: red on 10 November 2026, amber on 20 January 2027.
    - Bo: green on 1 October 2026, admitted on 5 January 2027, discharged on 10 February 2027 (not rated since).
    - Cy: amber on 1 December 2026, left the register on 15 January 2027.
    - Di: red on 5 February 2027.
    - Ed: referred, never rated.
    - Fi: born 1 June 2012, green on 1 September 2026: 14 on 31 December 2026, a child.

    On 31 December 2026: Ash red, Bo green, Cy amber, Fi green: 4 (1 red, 1 amber, 2 green, 0 blue), none in
    hospital. On 31 January 2027: Ash amber, Bo blue in hospital, Fi green: 3 (Cy has left, Di not yet rated).
    Today: Ash amber, Bo not rated, Di red, Fi green: 4, none in hospital."""

    def rated(person, day, rating):
        record_event(person=person, type="stratified", date=day, data={"rating": rating})

    ash = make_person(given_name="Ash", current_rating=Rating.AMBER)
    rated(ash, dt.date(2026, 11, 10), "red")
    rated(ash, dt.date(2027, 1, 20), "amber")
    bo = make_person(given_name="Bo", current_rating="")
    rated(bo, dt.date(2026, 10, 1), "green")
    record_event(
        person=bo, type="admitted", date=dt.date(2027, 1, 5), data={"setting": "non_secure", "route": "civil"}
    )
    record_event(person=bo, type="discharged", date=dt.date(2027, 2, 10))
    cy = make_person(given_name="Cy", current_rating=Rating.AMBER, status=RegisterStatus.LEFT)
    rated(cy, dt.date(2026, 12, 1), "amber")
    record_event(person=cy, type="left_register", date=dt.date(2027, 1, 15))
    di = make_person(given_name="Di", current_rating=Rating.RED)
    rated(di, dt.date(2027, 2, 5), "red")
    make_person(given_name="Ed", status=RegisterStatus.REFERRED)
    fi = make_person(given_name="Fi", current_rating=Rating.GREEN, date_of_birth=dt.date(2012, 6, 1))
    rated(fi, dt.date(2026, 9, 1), "green")


def _breakdown(figures, key):
    b = next(b for b in figures.breakdowns if b.key == key)
    return {label: c.shown for label, c in b.rows}, b.total.shown


def _figures(icb, today, period_kind, ending):
    return queries.figures_for_icb(
        icb, today, period_kind=period_kind, ending=ending, rule=SHOW_ALL, with_charts=False
    )


@pytest.mark.usefixtures("register")
def test_the_last_quarter_counts_who_was_on_the_register_on_its_last_day(icb, today):
    figures = _figures(icb, today, "quarter", dt.date(2026, 12, 1))
    assert figures.as_at == dt.date(2026, 12, 31)
    ratings, total = _breakdown(figures, "rating")
    assert total == 4
    assert (ratings["Red"], ratings["Amber"], ratings["Green"], ratings["Blue"]) == (1, 1, 2, 0)
    pathways, _ = _breakdown(figures, "pathway")
    assert pathways == {"Children and young people": 1, "Adults": 3}
    ages, _ = _breakdown(figures, "age")
    assert ages["14 to 17"] == 1
    assert _breakdown(figures, "setting")[0]["Inpatient in a mental health hospital"] == 0


@pytest.mark.usefixtures("register")
def test_a_past_month_counts_the_admission_and_the_leaving_dated_in_it(icb, today):
    figures = _figures(icb, today, "month", dt.date(2027, 1, 1))
    ratings, total = _breakdown(figures, "rating")
    assert total == 3
    assert (ratings["Red"], ratings["Amber"], ratings["Green"], ratings["Blue"]) == (0, 1, 1, 1)
    assert _breakdown(figures, "setting")[0]["Inpatient in a mental health hospital"] == 1
    assert ["People on the register: by rating", "Blue", "On 31 January 2027", 1] in figures.rows()


@pytest.mark.usefixtures("register")
def test_this_month_counts_the_register_as_it_is_today(icb, today):
    figures = _figures(icb, today, "month", today)
    ratings, total = _breakdown(figures, "rating")
    assert figures.as_at == today
    assert total == 4
    assert (ratings["Red"], ratings["Amber"], ratings["Green"], ratings["Not yet rated"]) == (1, 1, 1, 1)


def test_someone_added_without_a_dated_rating_counts_from_the_day_they_were_added(icb, today, make_person):
    """An inpatient added from an earlier register with no dated rating or admission: counted today, in
    hospital and blue, as recorded; not counted before they were added to OpenDSR."""
    make_person(current_rating=Rating.BLUE, location=Location.INPATIENT)
    now = _figures(icb, today, "month", today)
    assert _breakdown(now, "rating")[0]["Blue"] == 1
    assert _breakdown(now, "setting")[0]["Inpatient in a mental health hospital"] == 1
    before = _figures(icb, today, "year", dt.date(2020, 1, 1))
    assert before.on_register.shown == 0


@pytest.mark.usefixtures("register")
def test_the_page_names_the_day_its_counts_are_for(login, make_user, icb):
    """With counts of 1 hidden, the quarter's total of 4 still shows, for 31 December 2026."""
    SmallNumbers.objects.create(icb=icb, threshold=1)
    page = login(make_user(Role.ANALYST)).get("/figures/?period=quarter&ending=2026-12").content.decode()
    assert "People on the register on 31 December 2026" in page
    assert "4 people" in page
    assert "Ash" not in page
