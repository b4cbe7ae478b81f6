"""The API keeps the pages' rules: a person a user may not see is 404 (another ICB's, another team's), an action
their role or their token may not take is 403, and every read of a person is in the audit trail."""

import pytest

from opendsr.accounts.models import AuditEvent, Role
from opendsr.api.models import Scope
from opendsr.referrals.models import Referral
from opendsr.register.models import TimelineEvent
from tests.factories import PersonFactory, TeamFactory, UserFactory

EVENT = {"type": "mdt_held", "date": "2027-02-01"}


def _referral(person_id):
    return {
        "person_id": person_id,
        "received_on": "2027-02-01",
        "source": "self",
        "channel": "phone",
        "reason": "Their placement is at risk of breaking down",
    }


@pytest.mark.parametrize(
    ("role", "read", "record", "refer"),
    [
        (Role.DSR_LEAD, 200, 201, 201),
        (Role.CASE_MANAGER, 200, 201, 201),
        (Role.PROFESSIONAL, 200, 201, 403),
    ],
)
def test_each_role_may_do_through_the_api_what_it_may_do_on_the_pages(
    db, icb, team, make_user, api_as, role, read, record, refer
):
    person = PersonFactory(icb=icb, team=team)
    api = api_as(make_user(role, team=team))
    assert api.get(f"/people/{person.pk}").status_code == read
    assert api.get(f"/people/{person.pk}/events").status_code == read
    assert api.get(f"/people/{person.pk}/obligations").status_code == read
    assert api.post(f"/people/{person.pk}/events", EVENT).status_code == record
    assert api.post("/referrals", _referral(person.pk)).status_code == refer


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.OVERSIGHT_PANEL, Role.ANALYST, Role.REGIONAL])
def test_roles_without_the_api_get_nothing(db, icb, team, make_user, api_as, role):
    person = PersonFactory(icb=icb, team=team)
    api = api_as(make_user(role))
    assert api.get(f"/people/{person.pk}").status_code == 401
    assert api.get("/people").status_code == 401


def test_a_user_of_one_icb_can_neither_read_nor_write_another_icbs_people(
    db, lead, other_icb, api_as, make_user
):
    theirs = PersonFactory(icb=other_icb, team=TeamFactory(icb=other_icb))
    api = api_as(lead)
    for path in (f"/people/{theirs.pk}", f"/people/{theirs.pk}/events", f"/people/{theirs.pk}/obligations"):
        assert api.get(path).status_code == 404, path
    assert api.post(f"/people/{theirs.pk}/events", EVENT).status_code == 404
    assert api.post("/referrals", _referral(theirs.pk)).status_code == 404
    assert not TimelineEvent.objects.filter(person=theirs).exists()
    assert not Referral.objects.filter(person=theirs).exists()
    assert theirs.pk not in [p["id"] for p in api.get("/people", {"status": "all"}).json()["results"]]
    assert api.get("/people", {"q": theirs.family_name}).json()["count"] == 0


def test_a_professional_sees_only_their_teams_people(db, icb, team, make_user, api_as):
    ours = PersonFactory(icb=icb, team=team)
    elsewhere = PersonFactory(icb=icb, team=TeamFactory(icb=icb, name="Children's team"))
    api = api_as(make_user(Role.PROFESSIONAL, team=team))
    assert api.get(f"/people/{elsewhere.pk}").status_code == 404
    assert api.post(f"/people/{elsewhere.pk}/events", EVENT).status_code == 404
    found = api.get("/people").json()
    assert [p["id"] for p in found["results"]] == [ours.pk]


def test_a_token_does_only_what_its_scopes_allow(db, lead, person, api_as):
    reader = api_as(lead, [Scope.READ])
    assert reader.get(f"/people/{person.pk}").status_code == 200
    refused = reader.post(f"/people/{person.pk}/events", EVENT)
    assert refused.status_code == 403 and "may not record timeline events" in refused.json()["detail"]
    assert reader.post("/referrals", _referral(person.pk)).status_code == 403

    recorder = api_as(lead, [Scope.RECORD_EVENTS])
    assert recorder.get(f"/people/{person.pk}").status_code == 403
    assert recorder.get("/people").status_code == 403
    assert recorder.post(f"/people/{person.pk}/events", EVENT).status_code == 201
    assert recorder.post("/referrals", _referral(person.pk)).status_code == 403

    referrer = api_as(lead, [Scope.RECORD_REFERRALS])
    assert referrer.post("/referrals", _referral(person.pk)).status_code == 201
    assert referrer.get("/obligations").status_code == 403


def test_reads_are_audited_like_page_views(db, lead, person, api_as):
    api = api_as(lead)
    api.get(f"/people/{person.pk}")
    viewed = AuditEvent.objects.filter(action="person.viewed", person=person, user=lead)
    assert viewed.count() == 1 and "API" in viewed.get().summary
    api.get(f"/people/{person.pk}/events")
    assert viewed.count() == 2
    api.get("/people", {"q": person.family_name})
    listed = AuditEvent.objects.get(action="people.listed", user=lead)
    assert listed.detail["people"] == [person.pk] and listed.detail["filters"]["q"] == person.family_name


def test_asking_for_someone_who_is_not_there_is_404(db, lead, api_as):
    api = api_as(lead)
    assert api.get("/people/999999").status_code == 404
    assert api.get("/people/99999999999999999999999").status_code == 404
    assert api.get("/people/abc").status_code == 422


def test_a_different_user_in_the_same_icb_needs_their_own_token(db, icb, person, api_as):
    stranger = UserFactory(role=Role.DSR_LEAD, icb=None)
    assert api_as(stranger).get(f"/people/{person.pk}").status_code == 401
