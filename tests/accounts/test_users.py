"""Given a DSR lead, when they manage the accounts of their ICB, then people get access (and lose it) safely."""

import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendsr.accounts.models import AuditEvent, Role, User
from tests.factories import TeamFactory, UserFactory


def _link_in(message) -> str:
    return re.search(r"https?://\S+/login/password/\S+/", message.body).group(0)


@pytest.fixture
def lead_client(login, lead):
    return login(lead)


def test_the_lead_adds_a_user_who_is_emailed_a_one_time_link(lead_client, lead, team, client):
    response = lead_client.post(
        "/administration/users/add/",
        {
            "first_name": "Nia",
            "last_name": "Newcomer",
            "email": "Nia.Newcomer@Test.example",
            "role": Role.PROFESSIONAL,
            "team": team.pk,
            "profession": "clinician",
            "job_title": "Community nurse",
        },
    )
    nia = User.objects.get(email="nia.newcomer@test.example")
    assert response.status_code == 302
    assert response["Location"] == f"/administration/users/{nia.pk}/"
    assert (nia.icb, nia.team, nia.role, nia.job_title) == (
        lead.icb,
        team,
        Role.PROFESSIONAL,
        "Community nurse",
    )
    assert not nia.has_usable_password()
    assert [m.to for m in mail.outbox] == [["nia.newcomer@test.example"]]
    assert AuditEvent.objects.filter(action="user.added", user=lead, detail__user_id=nia.pk).exists()

    link = _link_in(mail.outbox[0])
    lead_client.logout()
    page = client.get(link)
    assert "Set your password" in page.content.decode()
    done = client.post(
        link, {"password1": "a long new passphrase 42", "password2": "a long new passphrase 42"}
    )
    assert done["Location"] == "/login/set-up/"
    nia.refresh_from_db()
    assert nia.check_password("a long new passphrase 42")
    # The link works once.
    client.logout()
    again = client.get(link)
    assert again.status_code == 404
    assert "This link does not work" in again.content.decode()


def test_a_failed_add_keeps_what_was_typed_and_says_what_is_wrong(lead_client):
    response = lead_client.post(
        "/administration/users/add/",
        {"first_name": "Nia", "last_name": "", "email": "not-an-email", "role": Role.PROFESSIONAL},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Add a user" in body
    assert "Enter a last name" in body
    assert "Enter an email address like name@nhs.net" in body
    assert "Select a team: a professional sees only the people in their team" in body
    assert 'value="Nia"' in body
    assert not mail.outbox


def test_an_email_address_already_in_use_is_refused(lead_client, make_user):
    existing = make_user(Role.CASE_MANAGER)
    response = lead_client.post(
        "/administration/users/add/",
        {"first_name": "A", "last_name": "B", "email": existing.email.upper(), "role": Role.ANALYST},
    )
    assert "There is already an account with this email address" in response.content.decode()
    assert User.objects.filter(email__iexact=existing.email).count() == 1


def test_the_list_searches_filters_by_role_counts_and_pages(lead_client, make_user, lead):
    for n in range(55):
        make_user(Role.CASE_MANAGER, last_name=f"Manager{n:02}")
    make_user(Role.ANALYST, first_name="Ada", last_name="Numbers")
    UserFactory(first_name="Ada", last_name="Elsewhere", role=Role.ANALYST)  # another ICB

    page1 = lead_client.get("/administration/users/", {"role": Role.CASE_MANAGER}).content.decode()
    assert "55 users" in page1
    assert "role=case_manager&amp;page=2" in page1
    page2 = lead_client.get("/administration/users/", {"role": Role.CASE_MANAGER, "page": 2}).content.decode()
    assert "Manager54" in page2 and "Manager00" not in page2

    found = lead_client.get("/administration/users/", {"q": "ada"}).content.decode()
    assert "1 user" in found and "Ada Numbers" in found and "Elsewhere" not in found

    none = lead_client.get("/administration/users/", {"q": "nobody-like-this"}).content.decode()
    assert "No users match your search" in none


def test_the_lead_changes_a_role_and_team(lead_client, make_user, icb, lead):
    cyp = TeamFactory(name="Children's team", icb=icb)
    user = make_user(Role.PROFESSIONAL, team=TeamFactory(icb=icb))
    response = lead_client.post(
        f"/administration/users/{user.pk}/edit/",
        {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": Role.CASE_MANAGER,
            "team": cyp.pk,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.role, user.team) == (Role.CASE_MANAGER, cyp)
    event = AuditEvent.objects.get(action="user.changed")
    assert "role to Case manager" in event.summary and "team to Children's team" in event.summary


def test_nobody_changes_their_own_role(login, make_user):
    lead = make_user(Role.DSR_LEAD)
    client = login(lead)
    response = client.post(
        f"/administration/users/{lead.pk}/edit/",
        {"first_name": "Me", "last_name": "Myself", "role": Role.ANALYST},
    )
    assert "You cannot change your own role" in response.content.decode()
    lead.refresh_from_db()
    assert lead.role == Role.DSR_LEAD


def test_a_case_manager_cannot_manage_users_or_raise_their_own_role(login, case_manager):
    client = login(case_manager)
    assert client.get("/administration/users/").status_code == 403
    response = client.post(
        f"/administration/users/{case_manager.pk}/edit/",
        {"first_name": "C", "last_name": "M", "role": Role.DSR_LEAD},
    )
    assert response.status_code == 403
    case_manager.refresh_from_db()
    assert case_manager.role == Role.CASE_MANAGER


def test_users_and_teams_of_another_icb_do_not_exist_for_the_lead(lead_client, other_icb):
    stranger = UserFactory(icb=other_icb)
    their_team = TeamFactory(icb=other_icb)
    assert lead_client.get(f"/administration/users/{stranger.pk}/").status_code == 404
    assert lead_client.post(f"/administration/users/{stranger.pk}/deactivate/").status_code == 404
    assert lead_client.get(f"/administration/teams/{their_team.pk}/").status_code == 404
    stranger.refresh_from_db()
    assert stranger.is_active


def test_a_lead_cannot_put_someone_in_another_icbs_team(lead_client, make_user, other_icb):
    user = make_user(Role.CASE_MANAGER)
    their_team = TeamFactory(icb=other_icb)
    response = lead_client.post(
        f"/administration/users/{user.pk}/edit/",
        {"first_name": "C", "last_name": "M", "role": Role.CASE_MANAGER, "team": their_team.pk},
    )
    assert "Select the team from the list" in response.content.decode()
    user.refresh_from_db()
    assert user.team is None


def test_deactivating_stops_log_in_and_keeps_the_account(lead_client, make_user, client):
    user = make_user(Role.CASE_MANAGER)
    confirm = lead_client.get(f"/administration/users/{user.pk}/deactivate/").content.decode()
    assert "will not be able to log in" in confirm
    lead_client.post(f"/administration/users/{user.pk}/deactivate/")
    user.refresh_from_db()
    assert user.is_active is False
    assert AuditEvent.objects.filter(action="user.deactivated", detail__user_id=user.pk).exists()
    lead_client.post(f"/administration/users/{user.pk}/reactivate/")
    user.refresh_from_db()
    assert user.is_active is True


def test_a_lead_cannot_deactivate_themselves(lead_client, lead):
    response = lead_client.post(f"/administration/users/{lead.pk}/deactivate/")
    assert "You cannot deactivate your own account" in response.content.decode()
    lead.refresh_from_db()
    assert lead.is_active


def test_resetting_the_second_factor_removes_devices_and_is_audited(lead_client, make_user):
    user = make_user(Role.CASE_MANAGER)
    TOTPDevice.objects.create(user=user, name="Old phone", confirmed=True)
    before = lead_client.get(f"/administration/users/{user.pk}/").content.decode()
    assert "Set up" in before
    lead_client.post(f"/administration/users/{user.pk}/reset-security-code/")
    assert not TOTPDevice.objects.filter(user=user).exists()
    event = AuditEvent.objects.get(action="user.second_factor_reset")
    assert event.detail["devices_removed"] == 1
    assert "Not set up yet" in lead_client.get(f"/administration/users/{user.pk}/").content.decode()


def test_the_lead_resends_a_set_password_link(lead_client, make_user):
    user = make_user(Role.CASE_MANAGER)
    lead_client.post(f"/administration/users/{user.pk}/send-link/")
    assert mail.outbox[0].to == [user.email]
    assert "/login/password/" in mail.outbox[0].body


def test_the_account_service_refuses_a_professional_without_a_team_however_it_is_called(lead, team):
    from opendsr.accounts import services

    with pytest.raises(services.AccountError) as refused:
        services.invite_user(
            by=lead,
            email="no.team@test.example",
            first_name="No",
            last_name="Team",
            role=Role.PROFESSIONAL,
            team=None,
            site_url="http://testserver",
        )
    assert refused.value.field == "team"
    assert not User.objects.filter(email="no.team@test.example").exists()
    member = services.invite_user(
        by=lead,
        email="in.team@test.example",
        first_name="In",
        last_name="Team",
        role=Role.PROFESSIONAL,
        team=team,
        site_url="http://testserver",
    )
    with pytest.raises(services.AccountError, match="Select a team"):
        services.update_user(by=lead, user=member, role=Role.PROFESSIONAL, team=None)
    member.refresh_from_db()
    assert member.team == team
