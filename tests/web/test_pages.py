"""The shared pages: the start page for each role, the administration page, errors, and the open endpoints."""

import pytest

from opendsr.accounts.access import Action, required_action_of, requires
from opendsr.accounts.models import Role
from opendsr.web import views


def test_a_page_that_does_not_exist_is_a_friendly_404(login, lead):
    response = login(lead).get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_administration_page_is_cards_for_what_exists(login, lead):
    page = login(lead).get("/administration/").content.decode()
    assert page.count("nhsuk-card--clickable") >= 4
    for href in ("/administration/users/", "/administration/teams/", "/administration/settings/", "/audit/"):
        assert f'href="{href}"' in page


def test_the_administration_page_is_for_the_lead_only(login, make_user):
    for role in (Role.CASE_MANAGER, Role.ANALYST, Role.PANEL_MEMBER):
        assert login(make_user(role)).get("/administration/").status_code == 403


def test_an_analyst_starts_on_the_figures(login, make_user):
    response = login(make_user(Role.ANALYST)).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/figures/"


def test_health_and_robots_are_open(client, db):
    assert client.get("/health/").json() == {"status": "ok"}
    assert "Disallow: /" in client.get("/robots.txt").content.decode()


def test_the_access_marker_travels_through_other_decorators():
    from django.views.decorators.http import require_POST

    @require_POST
    @requires(Action.MANAGE_USERS)
    def view(request):
        return None

    assert required_action_of(view) == Action.MANAGE_USERS
    assert required_action_of(views.admin_home) == Action.MANAGE_USERS
    assert required_action_of(views.accessibility) is None


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.ANALYST])
def test_a_person_marker_answers_404_before_403(rf, make_user, person, role):
    from django.http import Http404

    @requires(Action.EDIT_PERSON, person_kwarg="pk")
    def edit(request, pk):
        return "edited"

    request = rf.get("/")
    request.user = make_user(role)
    with pytest.raises(Http404):
        edit(request, pk=person.pk)


def test_a_person_marker_answers_403_when_the_person_is_visible_but_the_action_is_not_theirs(
    rf, make_user, person
):
    from django.core.exceptions import PermissionDenied

    @requires(Action.MANAGE_CONSENT, person_kwarg="pk")
    def consent(request, pk):
        return "consented"

    request = rf.get("/")
    request.user = make_user(Role.PROFESSIONAL, team=person.team)
    with pytest.raises(PermissionDenied):
        consent(request, pk=person.pk)
    request.user = make_user(Role.CASE_MANAGER)
    assert consent(request, pk=person.pk) == "consented"
