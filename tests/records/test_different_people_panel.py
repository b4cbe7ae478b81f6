"""A person's page says when a look-alike record was checked and marked as a different person: who and why for a
user who may see that record, only that it happened for one who may not, and the way to remove the mark only for
the DSR lead."""

import datetime as dt

import time_machine
from django.urls import reverse

from opendsr.accounts.models import AuditEvent, Role
from opendsr.records.models import NotDuplicate
from opendsr.records.services import mark_not_duplicate, remove_mark
from opendsr.web.formatting import nhs_number
from tests.factories import TeamFactory

BORN = dt.date(2001, 6, 14)
REASON = "Twins: their GP practice confirmed both NHS numbers"


def _twins(make_person, team, other_team=None):
    rowan = make_person(given_name="Rowan", family_name="Ashby", date_of_birth=BORN, team=team)
    rowen = make_person(given_name="Rowen", family_name="Ashby", date_of_birth=BORN, team=other_team or team)
    return rowan, rowen


def _marked(first, second, lead) -> NotDuplicate:
    with time_machine.travel(dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        return mark_not_duplicate(first=first, second=second, by=lead, reason=REASON)


def _page(client, person) -> str:
    response = client.get(reverse("register:detail", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_lead_sees_who_the_record_was_marked_different_from_when_by_whom_and_why(
    login, lead, make_person, team
):
    rowan, rowen = _twins(make_person, team)
    mark = _marked(rowan, rowen, lead)
    page = _page(login(lead), rowan)
    assert "Look-alike records checked" in page
    assert (
        f'Marked as a different person from <a href="{reverse("register:detail", args=[rowen.pk])}">Rowen Ashby</a>'
        f" (NHS number {nhs_number(rowen.nhs_number)}), on 4 January 2027 by Lena Lead: {REASON}"
    ) in page
    assert reverse("records:remove_not_duplicate", args=[mark.pk]) in page
    # Both records' pages say it, each naming the other
    assert "Marked as a different person from" in _page(login(lead), rowen)


def test_showing_the_other_record_on_the_page_is_audited_as_a_view_of_it(login, lead, make_person, team):
    rowan, rowen = _twins(make_person, team)
    _marked(rowan, rowen, lead)
    _page(login(lead), rowan)
    viewed = AuditEvent.objects.filter(action="person.viewed")
    assert set(viewed.values_list("person_id", flat=True)) == {rowan.pk, rowen.pk}


def test_a_removed_mark_is_not_shown(login, lead, make_person, team):
    rowan, rowen = _twins(make_person, team)
    remove_mark(mark=_marked(rowan, rowen, lead), by=lead, reason="They are one person after all")
    page = _page(login(lead), rowan)
    assert "Look-alike records checked" not in page
    assert "Marked as a different person" not in page
    assert REASON not in page


def test_nothing_is_shown_without_a_mark(login, lead, make_person, team):
    rowan, _ = _twins(make_person, team)
    assert "Look-alike records checked" not in _page(login(lead), rowan)


def test_a_case_manager_who_cannot_see_the_other_record_learns_only_that_it_was_checked(
    login, lead, make_user, make_person, team, icb
):
    other_team = TeamFactory(icb=icb, name="Children's community team")
    rowan, rowen = _twins(make_person, team, other_team)
    mark = _marked(rowan, rowen, lead)
    case_manager = make_user(Role.CASE_MANAGER, team=team)
    page = _page(login(case_manager), rowan)
    assert "A look-alike record in another team was checked and marked as a different person" in page
    assert "on 4 January 2027 by Lena Lead" in page
    assert "Rowen" not in page
    assert nhs_number(rowen.nhs_number) not in page and rowen.nhs_number not in page
    assert reverse("register:detail", args=[rowen.pk]) not in page
    assert REASON not in page  # the lead's words may name the other person
    assert reverse("records:remove_not_duplicate", args=[mark.pk]) not in page
    assert not AuditEvent.objects.filter(action="person.viewed", person=rowen).exists()


def test_only_those_who_may_remove_the_mark_see_the_way_to_remove_it(
    login, lead, make_user, make_person, team
):
    rowan, rowen = _twins(make_person, team)
    mark = _marked(rowan, rowen, lead)
    remove = reverse("records:remove_not_duplicate", args=[mark.pk])
    case_manager = make_user(Role.CASE_MANAGER, team=team)
    page = _page(login(case_manager), rowan)
    assert f'from <a href="{reverse("register:detail", args=[rowen.pk])}">Rowen Ashby</a>' in page
    assert REASON in page
    assert remove not in page
    assert remove in _page(login(lead), rowan)
    assert login(lead).get(remove).status_code == 200


def test_the_demo_has_two_look_alike_cousins_marked_as_different_people(db, client):
    from opendsr.accounts.models import User
    from opendsr.records import demo
    from opendsr.register.models import Person
    from tests.conftest import verify
    from tests.crawl import load_demo

    load_demo()
    load_demo()  # safe to run twice: still one mark, on the same two records
    mark = NotDuplicate.objects.get(removed_at__isnull=True, first__given_name="Callum")
    assert Person.objects.filter(given_name="Callum", family_name="Reid").count() == 2
    lead = User.objects.get(email="lead@northdale.example")
    page = _page(verify(client, lead), mark.first)
    assert (
        f'Marked as a different person from <a href="{reverse("register:detail", args=[mark.second.pk])}">'
        in page
    )
    assert demo.COUSINS_REASON in page
    # The pair is no longer offered as a possible duplicate
    assert "Callum Reid" not in client.get(reverse("records:duplicates")).content.decode()
