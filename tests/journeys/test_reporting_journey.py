"""Given a register, when the DSR lead opens the figures and picks a quarter, then they see each measure with
its chart and table and download them as Excel with the small-numbers rule; the analyst sees the same and no
person; the regional team sees both ICBs of its region side by side. axe checks every page."""

import datetime as dt

from opendsr.accounts.models import Region, Role
from opendsr.register.models import Rating
from opendsr.register.timeline import record_event
from opendsr.reporting import returns
from tests.factories import PersonFactory

from .steps.common import given_i_am_logged_in_as, then_i_do_not_see, then_i_see, when_i_follow
from .steps.reporting import (
    then_i_see_charts_with_their_tables,
    when_i_download_the_figures_as_excel,
    when_i_open_the_figures,
    when_i_open_the_monthly_returns,
    when_i_pick_the_quarter_including,
)


def _register(make_person, other_icb):
    for n in range(9):
        person = make_person(current_rating=Rating.RED, given_name="Robin", family_name=f"Figures{n}")
        record_event(
            person=person,
            type="referral_received",
            date=dt.date(2026, 11, 2),
            data={"source": "professional"},
        )
        record_event(person=person, type="referral_acknowledged", date=dt.date(2026, 11, 4))
        record_event(person=person, type="stratified", date=dt.date(2026, 11, 6), data={"rating": "red"})
    for _ in range(3):
        PersonFactory(icb=other_icb, current_rating=Rating.AMBER)


def test_the_lead_and_the_analyst_read_the_figures_and_download_them(
    journey, make_user, make_person, other_icb, tmp_path
):
    j = journey
    _register(make_person, other_icb)
    given_i_am_logged_in_as(j, make_user(Role.DSR_LEAD))
    when_i_open_the_figures(j)
    when_i_pick_the_quarter_including(j, "November 2026")
    then_i_see(j, "October to December 2026", "9 people", "Referrals acknowledged within 5 working days")
    then_i_see(j, "Admissions avoided", "OpenDSR uses 6 months", "Counts from 1 to 7 are not shown")
    then_i_see_charts_with_their_tables(j, "Referrals received", "Admissions avoided")
    j.check("figures-quarter")
    rows = when_i_download_the_figures_as_excel(j, tmp_path)
    assert ["Referrals received", "Number", "October to December 2026", 9] in rows
    assert any(row[0] == "Small numbers" for row in rows)

    given_i_am_logged_in_as(j, make_user(Role.ANALYST))
    when_i_open_the_figures(j)
    when_i_pick_the_quarter_including(j, "November 2026")
    then_i_see(j, "9 people", "October to December 2026")
    then_i_see_charts_with_their_tables(j, "Referrals received")
    then_i_do_not_see(j, "Robin", "Figures0")


def test_the_regional_team_sees_two_icbs_side_by_side(journey, make_user, make_person, icb, other_icb):
    j = journey
    _register(make_person, other_icb)
    for organisation in (icb, other_icb):
        organisation.region = Region.NORTH_WEST
        organisation.save()
    given_i_am_logged_in_as(j, make_user(Role.REGIONAL))
    j.go("/")
    then_i_see(j, "Regional figures", icb.name, other_icb.name, "North West")
    then_i_do_not_see(j, "Robin")
    j.check("regional-figures")


def test_the_lead_opens_last_months_return_as_it_was_made_and_downloads_it(
    journey, make_user, make_person, icb, other_icb, tmp_path
):
    """9 people rated red in November 2026: the return for February 2027 is made on 1 March and counts 9 on
    28 February. A tenth person rated red on 20 February is recorded afterwards: the kept return still says 9."""
    j = journey
    _register(make_person, other_icb)
    returns.build(icb, dt.date(2027, 2, 1), email=False)
    late = make_person(current_rating=Rating.RED, given_name="Robin", family_name="Late")
    record_event(person=late, type="stratified", date=dt.date(2027, 2, 20), data={"rating": "red"})

    given_i_am_logged_in_as(j, make_user(Role.DSR_LEAD))
    when_i_open_the_figures(j)
    when_i_open_the_monthly_returns(j)
    then_i_see(j, "1 return, the latest first", "February 2027")
    j.check("monthly-returns")
    when_i_follow(j, "February 2027")
    then_i_see(j, "Monthly return", "People on the register on 28 February 2027", "9 people")
    then_i_see_charts_with_their_tables(j, "Referrals received")
    then_i_do_not_see(j, "Robin")
    j.check("monthly-return")
    rows = when_i_download_the_figures_as_excel(j, tmp_path)
    assert ["People on the register: by rating", "Red", "On 28 February 2027", 9] in rows
    assert any(row[0] == "Small numbers" for row in rows)
