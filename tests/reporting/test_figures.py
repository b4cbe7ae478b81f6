"""Given an analyst or DSR lead, when they open the figures, then they read anonymised counts for their own ICB
only, each Appendix 9 measure with its definition, citation, chart and table, small numbers hidden, and
on-time measures judged against the due dates the policy clock stored. Today is 1 March 2027."""

import base64
import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from opendsr.accounts.models import AuditEvent, Region, Role
from opendsr.register.models import Location, Rating
from opendsr.register.timeline import record_event
from opendsr.reporting.models import SmallNumbers
from tests.factories import OrganisationFactory, PersonFactory


@pytest.fixture
def analyst(make_user):
    return make_user(Role.ANALYST)


def _row(page: str, label: str, after: str = "") -> str:
    if after:
        page = page.split(after, 1)[1]
    rest = page.split(f'<th scope="row" class="nhsuk-table__header">{label}</th>', 1)[1]
    return rest.split(">", 1)[1].split("<", 1)[0].strip()


def _referral(person, received: dt.date, acknowledged: dt.date | None):
    record_event(person=person, type="referral_received", date=received, data={"source": "professional"})
    if acknowledged:
        record_event(person=person, type="referral_acknowledged", date=acknowledged)


def test_the_analyst_reads_counts_by_rating_with_counts_up_to_seven_hidden(
    login, analyst, make_person, other_icb
):
    """8 red children, 9 amber adult inpatients, 1 green: the 1 green is hidden (1 to 7), and with it the next
    smallest, the 8 red, or 18 - 9 would give it away. Blue (0) is shown. The other ICB's 9 are not counted."""
    for _ in range(8):
        make_person(current_rating=Rating.RED, date_of_birth=dt.date(2012, 5, 1))
    for _ in range(9):
        make_person(current_rating=Rating.AMBER, location=Location.INPATIENT)
    make_person(current_rating=Rating.GREEN)
    for _ in range(9):
        PersonFactory(icb=other_icb, current_rating=Rating.GREEN)

    page = login(analyst).get("/figures/").content.decode()
    assert "18 people" in page
    by_rating = "By rating</caption>"
    assert [_row(page, r, by_rating) for r in ("Red", "Amber", "Green", "Blue")] == [
        "not shown",
        "9",
        "not shown",
        "0",
    ]
    assert _row(page, "Children and young people") == "8"
    assert _row(page, "Adults") == "10"
    assert "Counts from 1 to 7 are not shown" in page
    assert "Testperson" not in page, "no names on the figures page"


def test_the_icb_sets_its_own_threshold_and_anyone_may_round_to_five(login, analyst, make_person, icb):
    SmallNumbers.objects.create(icb=icb, threshold=3)
    for _ in range(4):
        make_person(current_rating=Rating.RED)
    for _ in range(12):
        make_person(current_rating=Rating.AMBER)
    client = login(analyst)
    page = client.get("/figures/").content.decode()
    assert _row(page, "Red", "By rating</caption>") == "4"
    assert "Counts from 1 to 3 are not shown" in page
    rounded = client.get("/figures/?period=quarter&rounded=on").content.decode()
    assert _row(rounded, "Red", "By rating</caption>") == "5"
    assert _row(rounded, "Amber", "By rating</caption>") == "10"
    assert "rounded to the nearest 5" in rounded


def test_referrals_acknowledged_within_five_working_days_come_from_the_clock(login, analyst, make_person):
    """Received Monday 4 January 2027: the clock makes the acknowledgement due 11 January (5 working days).
    8 acknowledged on the day it was due, 9 a day late: 8 of 17 (47%) in the quarter January to March."""
    received = dt.date(2027, 1, 4)
    for _ in range(8):
        _referral(make_person(), received, dt.date(2027, 1, 11))
    for _ in range(9):
        _referral(make_person(), received, dt.date(2027, 1, 12))
    page = login(analyst).get("/figures/").content.decode()
    assert "January to March 2027" in page
    section = page.split('id="measure-referrals_acknowledged"', 1)[1].split("</section>", 1)[0]
    assert "8 of 17 (47%)" in section
    assert "Policy: 000 Part 1" in section
    assert _row(section, "January 2027") == "47%"


def test_a_rate_on_a_hidden_count_is_not_shown(login, analyst, make_person):
    """10 on time and 2 late: the 2 is hidden, so the 10 is too, and no percentage is given."""
    received = dt.date(2027, 1, 4)
    for _ in range(10):
        _referral(make_person(), received, dt.date(2027, 1, 11))
    for _ in range(2):
        _referral(make_person(), received, dt.date(2027, 1, 12))
    page = login(analyst).get("/figures/").content.decode()
    section = page.split('id="measure-referrals_acknowledged"', 1)[1].split("</section>", 1)[0]
    assert "Not shown of 12" in section
    assert "%" not in section.split("</p>", 1)[0]


def test_a_chosen_month_shows_that_month(login, analyst, make_person):
    person = make_person()
    for day in range(1, 10):
        record_event(
            person=person,
            type="admitted",
            date=dt.date(2026, 11, day),
            data={"setting": "non_secure", "route": "civil"},
        )
        record_event(person=person, type="discharged", date=dt.date(2026, 11, day + 1))
    page = login(analyst).get("/figures/?period=month&ending=2026-11").content.decode()
    assert "<h2>November 2026</h2>" in page
    section = page.split('id="measure-admissions"', 1)[1].split("</section>", 1)[0]
    assert '<p class="nhsuk-body-l nhsuk-u-margin-bottom-2">9</p>' in section
    assert _row(section, "November 2026") == "9"
    assert _row(section, "October 2026") == "0"


def test_every_measure_is_explained_and_what_opendsr_does_not_hold_says_so(login, analyst):
    page = login(analyst).get("/figures/").content.decode()
    for title in (
        "Admissions avoided",
        "Length of stay",
        "Readmissions within 30 days of discharge",
        "Readmissions within 90 days of discharge",
        "Community C(E)TRs for people rated red, on time",
        "Commissioner oversight visits on time",
        "Reviews by the ICS oversight panel on time",
        "Actions from C(E)TRs done on time",
        "Post-admission C(E)TR: on time",
    ):
        assert f">{title}</h3>" in page
    assert "OpenDSR uses 6 months" in page  # how admissions avoided is defined
    experience = page.split('id="measure-experience"', 1)[1].split("</section>", 1)[0]
    assert "Not recorded in OpenDSR" in experience and ">0<" not in experience


def test_charts_are_svg_images_with_a_title_and_no_script(login, analyst, make_person):
    for _ in range(9):
        make_person(current_rating=Rating.RED)
    page = login(analyst).get("/figures/").content.decode()
    sources = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', page)
    assert len(sources) > 10
    svg = base64.b64decode(sources[0][0]).decode()
    assert "<title>People on the register by rating</title>" in svg and "<desc>" in svg
    assert "<script" not in svg
    assert "highest 9 (Red)" in sources[0][1]


def test_bad_choices_are_reported_and_the_latest_quarter_shown(login, analyst):
    page = login(analyst).get("/figures/?period=decade&ending=1066-10").content.decode()
    assert "<title>Error: Figures" in page
    assert "nhsuk-error-summary" in page
    assert "January to March 2027" in page


def test_every_figure_downloads_as_csv_with_the_rule_and_no_names(login, analyst, make_person):
    for _ in range(9):
        make_person(current_rating=Rating.RED, given_name="Secret", family_name="Name")
    response = login(analyst).get("/figures/figures.csv?period=quarter")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Measure", "Group", "Period", "Value"]
    assert ["People on the register: by rating", "Red", "On 1 March 2027", "9"] in rows
    assert any(r[:1] == ["Small numbers"] and "Counts from 1 to 7 are not shown" in r[1] for r in rows)
    assert "Secret" not in body
    assert AuditEvent.objects.filter(action="figures.exported", user=analyst).count() == 1


def test_one_table_downloads_as_excel_with_hidden_counts_marked(login, analyst, make_person):
    for _ in range(3):
        make_person(current_rating=Rating.RED)
    for _ in range(9):
        make_person(current_rating=Rating.AMBER)
    response = login(analyst).get("/figures/figures.xlsx?table=breakdown:rating")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Rating", "People"]
    assert ["Red", "*"] in [v[:2] for v in values]
    assert ["Amber", "*"] in [v[:2] for v in values]
    assert any(v[0] == "Small numbers" for v in values)
    assert login(analyst).get("/figures/figures.xlsx?table=nonsense").status_code == 404


def test_a_measure_downloads_with_its_months(login, analyst):
    response = login(analyst).get("/figures/figures.csv?table=measure:admissions")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Period", "Number"]
    assert ["Month", "Number"] in rows and ["February 2027", "0"] in rows


def test_figures_are_for_analysts_and_leads_only(login, make_user, lead):
    assert login(lead).get("/figures/").status_code == 200
    assert login(make_user(Role.PANEL_MEMBER)).get("/figures/").status_code == 403


# ------------------------------------------------------------------------------------------------ regional


@pytest.fixture
def regional_user(make_user, icb, other_icb):
    for organisation in (icb, other_icb):
        organisation.region = Region.NORTH_WEST
        organisation.save()
    return make_user(Role.REGIONAL)


def test_the_regional_team_sees_each_icb_of_its_region_side_by_side_and_no_person(
    login, regional_user, make_person, icb, other_icb
):
    """Home ICB: 9 red. Other ICB in the region: 3 red, hidden by its own rule. A third ICB elsewhere is not
    shown. No names, and the register itself is closed to the regional team."""
    elsewhere = OrganisationFactory(name="NHS Faraway ICB", region=Region.LONDON)
    for _ in range(9):
        make_person(current_rating=Rating.RED, given_name="Secret")
    for _ in range(3):
        PersonFactory(icb=other_icb, current_rating=Rating.RED)
    PersonFactory(icb=elsewhere, current_rating=Rating.RED)
    client = login(regional_user)
    assert client.get("/").url == "/figures/region/"
    page = client.get("/figures/region/").content.decode()
    assert icb.name in page and other_icb.name in page and "Faraway" not in page
    row = page.split('<th scope="row" class="nhsuk-table__header">People on the register</th>', 1)[1].split(
        "</tr>"
    )[0]
    # ICBs in name order: NHS Other ICB, then NHS Test ICB
    assert re.findall(r"</span>([^<]+)</td>", row) == ["not shown", "9"]
    assert "Secret" not in page
    assert client.get(reverse("register:list")).status_code == 403
    assert client.get("/figures/").status_code == 403
    body = client.get("/figures/region/figures.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Section", "Measure", other_icb.name, icb.name]
    assert any(r[:2] == ["Small numbers", other_icb.name] for r in rows)


def test_an_icb_lead_cannot_open_the_regional_figures(login, lead):
    assert login(lead).get("/figures/region/").status_code == 403


def test_the_dsr_lead_sets_the_threshold_and_region_and_a_bad_number_is_explained(
    login, lead, icb, make_person
):
    for _ in range(9):
        make_person(current_rating=Rating.RED)
    client = login(lead)
    figures = client.get("/figures/").content.decode()
    assert 'href="/figures/settings/">Change how small numbers are protected' in figures
    bad = client.post("/figures/settings/", {"threshold": "seven", "region": "north_west"})
    page = bad.content.decode()
    assert "<title>Error: Small numbers in the figures" in page
    assert "The largest count to hide must be a whole number, like 7" in page
    assert 'value="seven"' in page
    response = client.post(
        "/figures/settings/", {"threshold": "10", "round_to_5": "on", "region": "north_west"}
    )
    assert response.status_code == 302
    icb.refresh_from_db()
    assert icb.region == "north_west"
    page = client.get("/figures/").content.decode()
    assert "Counts from 1 to 10 are not shown" in page and "rounded to the nearest 5" in page
    assert _row(page, "Red", "By rating</caption>") == "not shown"
    assert AuditEvent.objects.filter(action="settings.changed", user=lead).exists()


def test_an_analyst_cannot_change_the_small_numbers_rule(login, analyst):
    client = login(analyst)
    assert "Change how small numbers" not in client.get("/figures/").content.decode()
    assert client.post("/figures/settings/", {"threshold": "1"}).status_code == 403
