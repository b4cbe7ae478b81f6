"""Given an analyst, when they open the figures, then they read anonymised counts for their own ICB only, with
small numbers hidden, and on-time measures judged against the due dates the policy clock set."""

import csv
import datetime as dt
import io

import pytest

from opendsr.accounts.models import AuditEvent, Role
from opendsr.register.models import Location, Rating
from opendsr.register.timeline import record_event
from opendsr.reporting.queries import breakdown, cell, rate
from tests.factories import PersonFactory

# ------------------------------------------------------------------------------------ disclosure control


def test_counts_from_one_to_four_read_fewer_than_five():
    assert [cell("x", n).text for n in (0, 1, 4, 5, 1234)] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "5",
        "1,234",
    ]


def test_a_lone_small_cell_hides_the_next_smallest_so_it_cannot_be_worked_out_from_the_total():
    cells = breakdown([("Red", 3), ("Amber", 12), ("Green", 40), ("Blue", 0)])
    assert [c.text for c in cells] == ["fewer than 5", "not shown, to protect small numbers", "40", "0"]


def test_two_small_cells_already_protect_each_other():
    cells = breakdown([("Red", 3), ("Amber", 2), ("Green", 40)])
    assert [c.text for c in cells] == ["fewer than 5", "fewer than 5", "40"]


def test_a_rate_hides_the_met_count_when_few_were_late():
    assert rate("x", 10, 12).met.text == "not shown, to protect small numbers"
    assert rate("x", 10, 12).percent is None
    shown = rate("x", 10, 20)
    assert (shown.met.text, shown.of.text, shown.percent) == ("10", "20", 50)


# ----------------------------------------------------------------------------------------- the page


@pytest.fixture
def analyst(make_user):
    return make_user(Role.ANALYST)


def _referral(person, received: dt.date, acknowledged: dt.date | None):
    record_event(person=person, type="referral_received", date=received, data={"source": "professional"})
    if acknowledged:
        record_event(person=person, type="referral_acknowledged", date=acknowledged)


def test_the_analyst_reads_counts_for_their_icb_by_rating_pathway_and_setting(
    login, analyst, make_person, other_icb
):
    for _ in range(6):
        make_person(current_rating=Rating.RED, date_of_birth=dt.date(2012, 5, 1))
    for _ in range(7):
        make_person(current_rating=Rating.AMBER, location=Location.INPATIENT)
    make_person(current_rating=Rating.GREEN)
    for _ in range(9):
        PersonFactory(icb=other_icb, current_rating=Rating.GREEN)

    page = login(analyst).get("/figures/").content.decode()
    assert "14 people" in page
    assert "fewer than 5" in page  # one green person
    assert "Care (Education) and Treatment Review (C(E)TR)" in page
    # 6 under 18 on the children and young people's pathway, 8 adults
    assert _row(page, "Children and young people") == "6"
    assert _row(page, "Adults") == "8"
    assert _row(page, "Inpatient in a mental health hospital") == "7"
    assert "Testperson" not in page, "no names on the figures page"


def _row(page: str, label: str) -> str:
    after = page.split(f'<th scope="row" class="nhsuk-table__header">{label}</th>', 1)[1]
    return after.split(">", 1)[1].split("<", 1)[0].strip()


def test_referrals_acknowledged_within_five_working_days_come_from_the_clock(login, analyst, make_person):
    # Received Monday 4 January 2027: the clock makes the acknowledgement due 11 January (5 working days).
    received = dt.date(2027, 1, 4)
    for _ in range(6):
        _referral(make_person(), received, dt.date(2027, 1, 11))  # on the due date: on time
    for _ in range(5):
        _referral(make_person(), received, dt.date(2027, 1, 12))  # a day late
    page = login(analyst).get("/figures/").content.decode()
    assert "Referrals received" in page
    assert "6 of 11 (55%)" in page


def test_an_empty_register_says_so(login, analyst):
    page = login(analyst).get("/figures/").content.decode()
    assert "0 people" in page
    assert "There is nobody on the register yet" in page
    assert "No C(E)TRs fell due in this period" in page


def test_the_page_names_the_measures_not_yet_available(login, analyst):
    page = login(analyst).get("/figures/").content.decode()
    assert "Not available yet" in page and "Re-admissions after discharge" in page


def test_the_csv_export_is_anonymised_and_audited(login, analyst, make_person):
    for _ in range(5):
        make_person(current_rating=Rating.RED, given_name="Secret", family_name="Name")
    response = login(analyst).get("/figures/figures.csv")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Measure", "Group or period", "Count"]
    assert ["People on the register by rating", "Red", "5"] in rows
    assert "Secret" not in body
    assert AuditEvent.objects.filter(action="figures.exported", user=analyst).count() == 1


def test_figures_are_for_analysts_and_leads_only(login, make_user, lead):
    assert login(lead).get("/figures/").status_code == 200
    assert login(make_user(Role.PANEL_MEMBER)).get("/figures/").status_code == 403
