"""A user with the professional role refers someone they can see to the DSR team (s3): the referral lands in the
inbox with its clocks and the professional as referrer; they cannot refer someone outside their team, and
cannot open the inbox."""

from __future__ import annotations

import re

import pytest

from opendsr.accounts.models import Role
from opendsr.policy.rules import referral as referral_rules
from opendsr.referrals.models import Channel, Referral, Source
from opendsr.register.models import Obligation
from tests.conftest import TODAY
from tests.factories import TeamFactory

ANSWERS = {
    "reason": "Her placement is ending and she has been to A&E twice this month.",
    "triggers": ["placement_at_risk"],
    "person_agrees": "yes",
    "family_agrees": "",
}


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def social_worker(make_user, team):
    return make_user(
        Role.PROFESSIONAL,
        team=team,
        first_name="Mei",
        last_name="Chen",
        job_title="Social worker",
        email="mei.chen@council.example",
    )


def test_a_professional_refers_someone_in_their_team(social_worker, person, login, lead):
    client = login(social_worker)
    page = text(client.get(f"/people/{person.pk}/"))
    assert f"Refer {person.given_name} to the DSR team" in page
    form = text(client.get(f"/referrals/people/{person.pk}/refer/"))
    assert "Mei Chen" in form and "Social worker" in form

    response = client.post(f"/referrals/people/{person.pk}/refer/", ANSWERS)
    assert response.status_code == 302 and response["Location"] == f"/people/{person.pk}/"
    assert "is sent to the DSR team" in text(client.get(response["Location"]))
    referral = Referral.objects.get()
    assert referral.person == person and referral.recorded_by == social_worker
    assert referral.source == Source.PROFESSIONAL and referral.channel == Channel.IN_APP
    assert (referral.referrer_name, referral.referrer_role, referral.referrer_email) == (
        "Mei Chen",
        "Social worker",
        "mei.chen@council.example",
    )
    assert referral.triggers == ["placement_at_risk"] and referral.person_agrees is True
    acknowledge = Obligation.objects.get(person=person, kind="acknowledge_referral", met_on=None)
    assert acknowledge.due == referral_rules.ACKNOWLEDGE_REFERRAL.after(TODAY)
    assert person.full_name in text(login(lead).get("/referrals/"))


def test_a_mistake_is_explained_and_nothing_is_recorded(social_worker, person, login):
    response = login(social_worker).post(f"/referrals/people/{person.pk}/refer/", {**ANSWERS, "reason": ""})
    assert response.status_code == 200 and "Enter why you are referring them" in text(response)
    assert Referral.objects.count() == 0


def test_nobody_outside_their_team_can_be_referred(social_worker, icb, make_person, login):
    elsewhere = make_person(team=TeamFactory(name="Children's team", icb=icb))
    client = login(social_worker)
    assert client.get(f"/referrals/people/{elsewhere.pk}/refer/").status_code == 404
    assert client.post(f"/referrals/people/{elsewhere.pk}/refer/", ANSWERS).status_code == 404
    assert Referral.objects.count() == 0


def test_nobody_in_another_icb_can_be_referred(social_worker, other_icb, make_person, login):
    elsewhere = make_person(icb=other_icb)
    assert login(social_worker).post(f"/referrals/people/{elsewhere.pk}/refer/", ANSWERS).status_code == 404


def test_the_inbox_stays_the_dsr_teams(social_worker, person, login):
    client = login(social_worker)
    client.post(f"/referrals/people/{person.pk}/refer/", ANSWERS)
    assert client.get("/referrals/").status_code == 403
    assert client.get(f"/referrals/{Referral.objects.get().pk}/").status_code == 403


@pytest.mark.parametrize("role", [Role.ANALYST, Role.REGIONAL])
def test_roles_that_see_no_one_cannot_refer(role, make_user, person, login):
    assert login(make_user(role)).get(f"/referrals/people/{person.pk}/refer/").status_code == 404
