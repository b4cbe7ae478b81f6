"""Two records that look alike marked as different people: the pair stops being offered, the mark is audited and
can be removed, and a shared NHS number always wins. Also: editing a record checks it again for duplicates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from opendsr.accounts.models import AuditEvent, Role
from opendsr.records import queries, rules
from opendsr.records.models import NotDuplicate
from opendsr.records.services import mark_not_duplicate
from opendsr.register.models import Person
from tests.register.test_edit_conflicts import date_post, edit_post

BORN = dt.date(2001, 6, 14)


def _twins(make_person, team):
    first = make_person(given_name="Rowan", family_name="Ashby", date_of_birth=BORN, team=team)
    second = make_person(given_name="Rowen", family_name="Ashby", date_of_birth=BORN, team=team)
    return first, second


def _mark(client, first, second, reason="Twins: checked with their GP practice"):
    return client.post(reverse("records:not_duplicate", args=[first.pk, second.pk]), {"reason": reason})


def test_marking_a_pair_as_different_people_takes_it_off_the_list_and_the_person_page(
    login, lead, make_person, team
):
    first, second = _twins(make_person, team)
    client = login(lead)
    listed = client.get(reverse("records:duplicates")).content.decode()
    assert "1 pair" in listed
    assert reverse("records:not_duplicate", args=[first.pk, second.pk]) in listed
    assert (
        reverse("records:not_duplicate", args=[first.pk, second.pk])
        in client.get(reverse("records:merge", args=[first.pk, second.pk])).content.decode()
    )

    response = _mark(client, first, second)
    assert response.status_code == 302
    after = client.get(response["Location"]).content.decode()
    assert "Marked as different people" in after
    assert "0 pairs" in after
    for person in (first, second):
        page = client.get(reverse("register:detail", args=[person.pk])).content.decode()
        assert "Possible duplicate record" not in page
    assert "0 pairs" in client.get(reverse("records:person_duplicates", args=[first.pk])).content.decode()
    mark = NotDuplicate.objects.get()
    assert (mark.first, mark.second, mark.marked_by) == (first, second, lead)
    audited = AuditEvent.objects.filter(action="person.marked_not_duplicate")
    assert {e.person_id for e in audited} == {first.pk, second.pk}


def test_a_mark_needs_a_reason_and_saves_nothing_without_one(login, lead, make_person, team):
    first, second = _twins(make_person, team)
    response = _mark(login(lead), first, second, reason="  ")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Say how you know they are different people" in page
    assert not NotDuplicate.objects.exists()


def test_a_pair_with_one_nhs_number_is_never_hidden_by_a_mark(lead, make_person, team):
    """One register refuses a second record with an NHS number it holds, so such a pair reaches the rules only
    through records kept before that check; a mark never hides it, and none can be made."""
    first, second = _twins(make_person, team)
    NotDuplicate.objects.create(icb=first.icb, first=first, second=second, reason="Twins", marked_by=lead)
    a, b = (rules.Someone(p.pk, p.given_name, p.family_name, BORN, "9990000018") for p in (first, second))
    same = rules.Alike(a, b, rules.SAME_NHS_NUMBER)
    alike = rules.Alike(a, b, rules.SIMILAR_NAME_SAME_BIRTH)
    assert queries._unmarked([same, alike], first.icb_id) == [same]
    twin = Person(pk=second.pk, icb_id=first.icb_id, nhs_number=first.nhs_number)
    with pytest.raises(ValidationError, match="same NHS number"):
        mark_not_duplicate(first=first, second=twin, by=lead, reason="Twins")


def test_an_edit_giving_a_marked_record_the_others_nhs_number_is_refused(login, lead, make_person, team):
    first, second = _twins(make_person, team)
    client = login(lead)
    _mark(client, first, second)
    response = client.post(
        reverse("register:edit", args=[second.pk]),
        edit_post(second, second.version, nhs_number=first.nhs_number),
    )
    assert "Someone with this NHS number is already on your register" in response.content.decode()
    second.refresh_from_db()
    assert second.nhs_number != first.nhs_number


def test_removing_a_mark_needs_a_reason_offers_the_pair_again_and_keeps_the_history(
    login, lead, make_person, team
):
    first, second = _twins(make_person, team)
    client = login(lead)
    _mark(client, first, second)
    mark = NotDuplicate.objects.get()
    url = reverse("records:remove_not_duplicate", args=[mark.pk])
    assert url in client.get(reverse("records:not_duplicates")).content.decode()
    assert "Say why the mark is being removed" in client.post(url, {"reason": ""}).content.decode()

    response = client.post(url, {"reason": "Found to be one person after all"})
    assert response.status_code == 302
    listing = client.get(response["Location"]).content.decode()
    assert "Mark removed" in listing
    assert "Removed on" in listing and "Found to be one person after all" in listing
    assert "1 pair" in client.get(reverse("records:duplicates")).content.decode()
    mark.refresh_from_db()
    assert NotDuplicate.objects.count() == 1 and not mark.in_force
    assert mark.history.count() == 2
    assert AuditEvent.objects.filter(action="person.not_duplicate_removed").count() == 2
    assert client.get(url).status_code == 302  # a removed mark cannot be removed again


def test_only_the_dsr_lead_marks_and_only_their_own_icbs_records(
    login, make_user, lead, make_person, team, other_icb
):
    first, second = _twins(make_person, team)
    assert _mark(login(make_user(Role.CASE_MANAGER, team=team)), first, second).status_code == 403
    other = make_person(icb=other_icb, given_name="Rowan", family_name="Ashby", date_of_birth=BORN)
    assert _mark(login(lead), first, other).status_code == 404
    assert not NotDuplicate.objects.exists()


def test_editing_a_name_and_date_of_birth_checks_the_record_again_for_duplicates(
    login, lead, make_person, team
):
    make_person(given_name="Imogen", family_name="Tarrant", date_of_birth=BORN, team=team)
    other = make_person(given_name="Joan", family_name="Pell", date_of_birth=dt.date(1980, 1, 1), team=team)
    client = login(lead)
    assert (
        "Possible duplicate record"
        not in client.get(reverse("register:detail", args=[other.pk])).content.decode()
    )
    response = client.post(
        reverse("register:edit", args=[other.pk]),
        edit_post(
            other,
            other.version,
            given_name="Imogene",
            family_name="Tarrant",
            **date_post("date_of_birth", BORN),
        ),
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Your changes are saved" in page
    assert "Possible duplicate record" in page
    assert "a similar name and the same date of birth" in page
