"""Given someone adding a person (on the register, or from a referral) whose details match a person another team
looks after, then they learn only that another team knows them and whom to ask, and the look-up is audited."""

import datetime as dt

import pytest

from opendsr.accounts.models import AuditEvent, Role
from opendsr.referrals.models import Referral
from opendsr.register import queries
from opendsr.register.models import Person
from tests.factories import TeamFactory
from tests.referrals.test_views import _form as referral_form
from tests.register.test_views import person_post

pytestmark = pytest.mark.django_db

ROBIN_BORN = dt.date(2009, 4, 2)  # the date of birth tests.register.test_views.person_post types


@pytest.fixture
def east(icb):
    return TeamFactory(name="East community team", icb=icb)


@pytest.fixture
def west_manager(make_user, icb):
    """A case manager who sees only the west team's people."""
    return make_user(Role.CASE_MANAGER, team=TeamFactory(name="West community team", icb=icb))


@pytest.fixture
def lead(make_user):
    return make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead", email="lena.lead@test.example")


@pytest.fixture
def quinn(make_person, east):
    """Maya Quinn, known to the east team."""
    return make_person(
        given_name="Maya",
        family_name="Quinn",
        date_of_birth=dt.date(2011, 7, 19),
        nhs_number="9990000026",
        team=east,
    )


def _shows_nothing_of(page: str, person: Person) -> None:
    """Nothing the user did not type: the NHS number they typed stays in its field."""
    assert person.family_name not in page
    assert person.given_name not in page
    assert "19 July 2011" not in page
    assert "999 000 0026" not in page, "the NHS number is shown only in the field it was typed into"
    assert f"/people/{person.pk}/" not in page


def test_adding_a_person_known_to_another_team_says_only_which_team_and_whom_to_ask(
    login, west_manager, quinn, lead
):
    client = login(west_manager)
    page = client.post("/people/new/", person_post(nhs_number="9990000026")).content.decode()

    assert "They may already be on the register" in page
    assert "Someone with these details is known to another team: East community team" in page
    assert "lena.lead@test.example" in page and "Lena Lead" in page
    _shows_nothing_of(page, quinn)
    assert Person.objects.count() == 1

    event = AuditEvent.objects.get(action="person.duplicate_check")
    assert event.person == quinn and event.user == west_manager
    assert event.detail == {"where": "register", "shown": False}


def test_matching_by_name_and_date_of_birth_does_not_show_the_nhs_number(
    login, west_manager, east, make_person
):
    robin = make_person(given_name="Robin", family_name="Hale", date_of_birth=ROBIN_BORN, team=east)
    page = login(west_manager).post("/people/new/", person_post()).content.decode()
    assert "known to another team: East community team" in page
    assert robin.nhs_number not in page and f"/people/{robin.pk}/" not in page


def test_recording_a_referral_for_a_person_known_to_another_team_names_nobody(
    login, west_manager, quinn, lead
):
    client = login(west_manager)
    page = client.post("/referrals/new/", referral_form(nhs_number="9990000026")).content.decode()

    assert "Someone with these details is known to another team: East community team" in page
    assert "lena.lead@test.example" in page
    _shows_nothing_of(page, quinn)
    assert f'name="attach" value="{quinn.pk}"' not in page
    assert not Referral.objects.exists()
    event = AuditEvent.objects.get(action="person.duplicate_check")
    assert event.person == quinn and event.detail == {"where": "referral", "shown": False}


def test_someone_the_user_can_see_is_shown_to_choose(login, make_user, quinn, east):
    client = login(make_user(Role.CASE_MANAGER, team=east))
    page = client.post("/referrals/new/", referral_form(nhs_number="9990000026")).content.decode()
    assert "Maya Quinn, born 19 July 2011, NHS number 999 000 0026" in page
    assert f'name="attach" value="{quinn.pk}"' in page
    assert "known to another team" not in page
    assert AuditEvent.objects.get(action="person.duplicate_check").detail["shown"] is True


def test_a_look_up_that_finds_nobody_is_audited_too(login, west_manager):
    login(west_manager).post("/people/new/", person_post())
    event = AuditEvent.objects.get(action="person.duplicate_check")
    assert event.person is None and event.detail == {"where": "register", "matched": 0}
    assert Person.objects.count() == 1


def test_the_look_up_keeps_apart_what_the_user_may_see(west_manager, quinn, make_person):
    west = west_manager.team
    mine = make_person(given_name="Maya", family_name="Quinn", date_of_birth=dt.date(2011, 7, 19), team=west)
    unowned = make_person(
        given_name="Maya", family_name="QUINN", date_of_birth=dt.date(2011, 7, 19), team=None
    )
    found = queries.possible_duplicates(
        west_manager, family_name="quinn", given_name="maya", date_of_birth=dt.date(2011, 7, 19)
    )
    assert found.yours == [mine]
    assert [group.team_name for group in found.elsewhere] == ["", "East community team"]
    assert set(found.matched) == {quinn, mine, unowned}
