"""Given a DSR lead, when they set up teams and the ICB's settings, then the register works the local way."""

from opendsr.accounts.models import AuditEvent, Role
from tests.factories import TeamFactory


def test_the_lead_adds_and_renames_a_team(login, lead, icb):
    client = login(lead)
    empty = client.get("/administration/teams/").content.decode()
    assert "0 teams" in empty and "There are no teams yet" in empty

    client.post("/administration/teams/add/", {"name": "Transitions team"})
    team = icb.teams.get()
    assert team.name == "Transitions team"
    listing = client.get("/administration/teams/").content.decode()
    assert "1 team" in listing and "Transitions team" in listing

    client.post(f"/administration/teams/{team.pk}/", {"name": "Transition to adulthood team"})
    team.refresh_from_db()
    assert team.name == "Transition to adulthood team"
    assert list(AuditEvent.objects.filter(action__startswith="team.").values_list("action", flat=True)) == [
        "team.changed",
        "team.added",
    ]


def test_a_team_name_is_needed_and_unique_within_the_icb(login, lead, icb, other_icb):
    TeamFactory(name="Adult team", icb=icb)
    TeamFactory(name="Elsewhere team", icb=other_icb)
    client = login(lead)
    blank = client.post("/administration/teams/add/", {"name": ""}).content.decode()
    assert "<title>Error: Add a team" in blank and "Enter a team name" in blank
    duplicate = client.post("/administration/teams/add/", {"name": "adult TEAM"}).content.decode()
    assert "There is already a team with this name" in duplicate
    client.post("/administration/teams/add/", {"name": "Elsewhere team"})
    assert icb.teams.filter(name="Elsewhere team").exists()


def test_the_lead_changes_the_consent_age_rule_and_reminder_period(login, lead, icb):
    client = login(lead)
    page = client.get("/administration/settings/").content.decode()
    assert "Care (Education) and Treatment Review (C(E)TR)" in page
    response = client.post(
        "/administration/settings/",
        {"consent_age_rule": "cambridgeshire", "reminder_days_default": "14", "self_consent_age": "16"},
    )
    assert response.status_code == 302
    icb.refresh_from_db()
    assert (icb.consent_age_rule, icb.reminder_days_default) == ("cambridgeshire", 14)
    event = AuditEvent.objects.get(action="settings.changed")
    assert event.detail["before"] == {
        "consent_age_rule": "national",
        "reminder_days_default": 7,
        "self_consent_age": 16,
    }


def test_new_users_get_the_icb_reminder_period(login, lead, icb):
    icb.reminder_days_default = 3
    icb.save()
    client = login(lead)
    client.post(
        "/administration/users/add/",
        {"first_name": "R", "last_name": "P", "email": "rp@test.example", "role": Role.ANALYST},
    )
    assert icb.icb_users.get(email="rp@test.example").reminder_days == 3


def test_bad_settings_are_explained_and_nothing_changes(login, lead, icb):
    client = login(lead)
    response = client.post(
        "/administration/settings/", {"consent_age_rule": "", "reminder_days_default": "soon"}
    )
    body = response.content.decode()
    assert "<title>Error: ICB settings" in body
    assert "Select who gives consent for a child" in body
    assert "The number of days must be a whole number, like 7" in body
    assert 'value="soon"' in body
    icb.refresh_from_db()
    assert icb.reminder_days_default == 7


def test_only_the_lead_changes_settings(login, case_manager):
    client = login(case_manager)
    assert client.get("/administration/settings/").status_code == 403
    assert client.get("/administration/").status_code == 403


def test_the_administration_page_lists_what_exists(login, lead):
    page = login(lead).get("/administration/").content.decode()
    for href, text in (
        ("/administration/users/", "Users"),
        ("/administration/teams/", "Teams"),
        ("/administration/settings/", "ICB settings"),
        ("/audit/", "Audit log"),
    ):
        assert f'href="{href}">{text}</a>' in page
