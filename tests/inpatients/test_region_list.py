"""The NHS regional lead's long-term segregation list (s14.4): the people of every ICB in their region, for their
report to the national team, and nobody else's; named, but never a link into anyone's record."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io

import pytest
from openpyxl import load_workbook

from opendsr.accounts import access
from opendsr.accounts.models import AuditEvent, Region, Role
from opendsr.inpatients import services
from opendsr.web.formatting import nhs_date
from tests.factories import OrganisationFactory
from tests.inpatients.helpers import admission_answers

pytestmark = pytest.mark.django_db

PAGE = "/inpatients/segregation/region/"


def text(response) -> str:
    return html.unescape(response.content.decode())


def segregated(person, by, *, started_on, ended_on=None, kind="lts"):
    admission = services.record_admission(person=person, by=by, **admission_answers(admitted_on=started_on))
    services.record_episode(
        admission=admission, by=by, kind=kind, started_on=started_on, ended_on=ended_on, reported_by="Ward"
    )
    return person


@pytest.fixture
def region(icb, other_icb):
    for organisation in (icb, other_icb):
        organisation.region = Region.NORTH_WEST
        organisation.save()
    return (icb, other_icb)


@pytest.fixture
def regional(make_user, region):
    return make_user(Role.REGIONAL)


@pytest.fixture
def people(region, make_user, make_person):
    """In the region: one in each ICB in segregation now, one only in seclusion, one whose segregation ended
    before the period. Elsewhere: one in segregation in an ICB of another region."""
    icb, other_icb = region
    here, there = make_user(Role.DSR_LEAD), make_user(Role.DSR_LEAD, icb=other_icb)
    elsewhere = OrganisationFactory(name="NHS Faraway ICB", region=Region.LONDON)
    far = make_user(Role.DSR_LEAD, icb=elsewhere)
    return {
        "home": segregated(make_person(family_name="Zephyr"), here, started_on=dt.date(2027, 2, 25)),
        "other": segregated(
            make_person(icb=other_icb, family_name="Abbott"),
            there,
            started_on=dt.date(2027, 1, 10),
            ended_on=dt.date(2027, 1, 20),
        ),
        "secluded": segregated(make_person(), here, started_on=dt.date(2027, 2, 25), kind="seclusion"),
        "earlier": segregated(
            make_person(icb=other_icb),
            there,
            started_on=dt.date(2026, 10, 1),
            ended_on=dt.date(2026, 10, 5),
        ),
        "far": segregated(make_person(icb=elsewhere), far, started_on=dt.date(2027, 2, 25)),
    }


def test_the_regional_lead_sees_segregation_in_every_icb_of_their_region_and_no_one_else(
    login, regional, people
):
    page = text(login(regional).get(PAGE))
    assert "2 episodes of long-term segregation" in page
    assert "from 19 January 2027 to 1 March 2027" in page
    shown = [
        name for name in ("home", "other", "secluded", "earlier", "far") if people[name].full_name in page
    ]
    assert shown == ["home", "other"]
    # By ICB, then name: NHS Other ICB's Abbott after NHS Test ICB's Zephyr.
    assert page.index("NHS Other ICB") < page.index(people["other"].full_name)
    assert page.index(people["other"].full_name) < page.index(people["home"].full_name)
    assert page.index("NHS Test ICB</td>") < page.index(people["home"].full_name)
    assert "Not ended (4 days)" in page and nhs_date(people["home"].date_of_birth) in page
    assert "/people/" not in page, "no link into a person's record"


def test_the_list_sorts_by_name_and_keeps_the_chosen_day(login, regional, people):
    page = text(login(regional).get(PAGE + "?as_of=2027-03-01&order=name"))
    assert page.index(people["other"].full_name) < page.index(people["home"].full_name)
    assert "Sorted by name." in page
    earlier = text(login(regional).get(PAGE + "?as_of_day=10&as_of_month=10&as_of_year=2026&order=name"))
    assert people["earlier"].full_name in earlier and people["home"].full_name not in earlier
    assert "order=name" in earlier


def test_the_listing_is_audited_in_each_icb_with_the_people_it_showed_of_that_icb(login, regional, people):
    login(regional).get(PAGE)
    rows = {row.icb_id: row for row in AuditEvent.objects.filter(action="people.listed", user=regional)}
    home, other = people["home"], people["other"]
    assert rows.keys() == {home.icb_id, other.icb_id}
    assert rows[home.icb_id].detail["people"] == [home.pk]
    assert rows[other.icb_id].detail["people"] == [other.pk]
    for row in rows.values():
        assert row.detail["filters"] == {"as_of": "2027-03-01", "order": "icb"}
        assert "region's long-term segregation list" in row.summary


def test_the_downloads_name_each_icb_and_are_audited(login, regional, people):
    client = login(regional)
    download = client.get(PAGE + "export.csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["ICB", "NHS number", "Name", "Date of birth"]
    assert "Lasted 48 hours" in rows[0]
    assert [row[0] for row in rows[1:]] == ["NHS Other ICB", "NHS Test ICB"]
    assert rows[2][2] == people["home"].full_name and rows[2][8] == "2027-02-25"
    exported = {
        row.icb_id: row.detail["people"]
        for row in AuditEvent.objects.filter(action="inpatient.region_segregation_exported")
    }
    assert exported == {
        people["home"].icb_id: [people["home"].pk],
        people["other"].icb_id: [people["other"].pk],
    }
    sheet = load_workbook(io.BytesIO(client.get(PAGE + "export.xlsx?order=name").content)).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert sheet.title == "Long-term segregation" and len(cells) == 3
    assert people["far"].full_name not in str(cells)


def test_no_one_else_may_open_the_regional_list(login, make_user, people):
    for role in (Role.DSR_LEAD, Role.CASE_MANAGER, Role.ANALYST, Role.OVERSIGHT_PANEL):
        client = login(make_user(role))
        assert client.get(PAGE).status_code == 403, role
        assert client.get(PAGE + "export.csv").status_code == 403, role
        assert not access.region_people_in_segregation(
            make_user(role), dt.date(2027, 1, 19), dt.date(2027, 3, 1)
        ).exists()


def test_the_region_wide_read_answers_only_for_segregation_in_the_region(regional, people):
    found = access.region_people_in_segregation(regional, dt.date(2027, 1, 19), dt.date(2027, 3, 1))
    assert set(found) == {people["home"], people["other"]}
    assert not access.people_for(regional).exists(), "the regional team's register stays empty"


def test_an_empty_period_and_a_missing_region_say_so(login, make_user, regional, people, icb):
    page = text(login(regional).get(PAGE + "?as_of_day=1&as_of_month=6&as_of_year=2026"))
    assert "0 episodes of long-term segregation" in page
    assert "Nobody was in long-term segregation in these 6 weeks." in page
    lone = make_user(Role.REGIONAL, icb=OrganisationFactory(name="NHS Unset ICB"))
    page = text(login(lone).get(PAGE))
    assert "Your ICB has no NHS England region set" in page and "episodes" not in page


def test_the_regional_lead_reaches_the_list_from_the_header_and_the_regional_figures(login, regional):
    page = text(login(regional).get("/figures/region/"))
    assert page.count(f'href="{PAGE}"') == 2  # the header, and the line above the figures
