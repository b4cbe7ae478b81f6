"""A DSR meeting of the test ICB, and people the agenda should (and should not) list."""

import datetime as dt

import pytest

from opendsr.accounts.models import Role
from opendsr.meetings.models import DsrMeeting
from opendsr.meetings.services.meeting import save_member, save_standing_meeting
from opendsr.register.models import RegisterStatus
from opendsr.register.services.rating import record_rating
from opendsr.register.timeline import record_event
from tests.conftest import TODAY


@pytest.fixture
def standing(icb, lead):
    standing = save_standing_meeting(
        icb=icb,
        by=lead,
        name="Test DSR meeting",
        terms_of_reference="Reviews reds, ambers and new referrals.",
        every_weeks=2,
    )
    save_member(
        standing=standing,
        by=lead,
        name="Lena Lead",
        organisation="NHS Test ICB",
        sector="health",
        email="lena@example.org",
        user=lead,
    )
    save_member(
        standing=standing,
        by=lead,
        name="Hugh Housing",
        organisation="Test Council",
        sector="housing",
        email="hugh@example.org",
    )
    return standing


@pytest.fixture
def meeting(standing, lead):
    return DsrMeeting.objects.create(standing=standing, icb=standing.icb, date=TODAY, chair=lead)


def rate(person, by, rating, on):
    return record_rating(person=person, by=by, rating=rating, decided_on=on, rationale="Test rating.")


@pytest.fixture
def register(make_person, lead, team):
    """A referral waiting for a rating, a red person rated in January, an amber person, a green person and one who
    left the register."""
    referred = make_person(
        given_name="Rhea", family_name="Referred", status=RegisterStatus.REFERRED, team=team
    )
    record_event(
        person=referred, type="referral_received", date=TODAY - dt.timedelta(days=10), data={"source": "self"}
    )
    red = make_person(given_name="Rowan", family_name="Red", team=team)
    rate(red, lead, "red", dt.date(2027, 1, 11))
    amber = make_person(given_name="Amir", family_name="Amber", team=team)
    rate(amber, lead, "amber", dt.date(2027, 2, 22))
    green = make_person(given_name="Gina", family_name="Green", team=team)
    rate(green, lead, "green", dt.date(2027, 2, 22))
    record_event(person=green, type="outcome_communicated", date=dt.date(2027, 2, 22))
    gone = make_person(
        given_name="Lee", family_name="Left", status=RegisterStatus.LEFT, team=team, current_rating="red"
    )
    for person in (red, amber, green):
        person.refresh_from_db()
    return {"referred": referred, "red": red, "amber": amber, "green": green, "left": gone}


@pytest.fixture
def owner(make_user):
    return make_user(Role.CASE_MANAGER, first_name="Olive", last_name="Owner")
