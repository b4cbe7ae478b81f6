"""Given two ICBs of one NHS England region, each with someone in long-term segregation, and an ICB of another
region with someone too: the regional lead goes from the region's figures to the long-term segregation list for
their report to the national team (s14.4), sees the people of both ICBs of their region and nobody else, sorts
the list by name, and downloads it."""

import csv
import datetime as dt

from opendsr.accounts.models import Region, Role
from opendsr.inpatients import services
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.inpatients.helpers import admission_answers

from .steps.common import (
    given_i_am_logged_in_as,
    then_i_do_not_see,
    then_i_see,
    then_the_row_for,
    when_i_download,
    when_i_follow,
)


def in_segregation(person, by, started_on):
    admission = services.record_admission(person=person, by=by, **admission_answers(admitted_on=started_on))
    services.record_episode(
        admission=admission,
        by=by,
        kind="lts",
        started_on=started_on,
        ended_on=None,
        reported_by="Willow ward",
    )


def test_the_regional_lead_lists_long_term_segregation_across_the_region(journey, icb, other_icb, tmp_path):
    j = journey
    for organisation in (icb, other_icb):
        organisation.region = Region.NORTH_WEST
        organisation.save()
    faraway = OrganisationFactory(name="NHS Faraway ICB", region=Region.LONDON)
    for where, given, family, started in (
        (icb, "Zara", "Quinn", dt.date(2027, 2, 25)),
        (other_icb, "Abel", "Marsh", dt.date(2027, 2, 10)),
        (faraway, "Farah", "Long", dt.date(2027, 2, 20)),
    ):
        lead = UserFactory(role=Role.DSR_LEAD, icb=where)
        in_segregation(PersonFactory(icb=where, given_name=given, family_name=family), lead, started)
    regional = UserFactory(role=Role.REGIONAL, icb=icb, first_name="Rhian", last_name="Regan")

    given_i_am_logged_in_as(j, regional)
    when_i_follow(j, "Long-term segregation in the region: the list for your report every 6 weeks")
    then_i_see(j, "Long-term segregation in the region", "NHS Other ICB", "NHS Test ICB")
    then_the_row_for(j, "Zara Quinn", "NHS Test ICB", "25 February 2027")
    then_the_row_for(j, "Abel Marsh", "NHS Other ICB", "10 February 2027")
    then_i_do_not_see(j, "Farah Long", "NHS Faraway ICB")
    j.check("region-segregation")

    when_i_follow(j, "Sort by name")
    then_i_see(j, "Sorted by name")
    saved = when_i_download(j, "CSV", tmp_path)
    with saved.open(encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    assert [row[2] for row in rows[1:]] == ["Abel Marsh", "Zara Quinn"]
