"""Two people changing the same record at once: nobody's change is silently undone, and nothing typed is lost."""

import datetime as dt

import pytest

from opendsr.accounts.models import Role
from opendsr.register.edit_conflicts import Conflict, merge
from opendsr.register.models import Carer
from opendsr.register.services.carers import add_carer, update_carer
from opendsr.register.services.people import update_person

pytestmark = pytest.mark.django_db


def test_a_field_only_one_side_changed_takes_that_sides_value_and_one_both_changed_is_a_conflict():
    original = {"phone": "0100", "postcode": "AB1 2CD", "email": ""}
    mine = {"phone": "0111", "postcode": "AB1 2CD", "email": "me@example.org"}
    saved = {"phone": "0199", "postcode": "ZZ9 9ZZ", "email": "me@example.org"}
    merged, conflicts = merge(original=original, mine=mine, saved=saved)
    assert merged == {"phone": "0111", "postcode": "ZZ9 9ZZ", "email": "me@example.org"}
    assert conflicts == [Conflict("phone", "0111", "0199")]


def test_without_knowing_what_was_loaded_every_difference_is_a_conflict():
    merged, conflicts = merge(
        original=None, mine={"phone": "1", "postcode": ""}, saved={"phone": "2", "postcode": None}
    )
    assert [c.name for c in conflicts] == ["phone"] and merged == {"phone": "1", "postcode": ""}


def date_post(name, value: dt.date) -> dict:
    return {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}


def edit_post(person, version, **changes):
    data = {
        "nhs_number": person.nhs_number,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "diagnosis": person.diagnosis,
        "sex": person.sex,
        "ethnicity": person.ethnicity,
        "location": person.location,
        "phone": person.phone,
        "postcode": person.postcode,
        "version": version,
        **date_post("date_of_birth", person.date_of_birth),
    }
    data.update(changes)
    return data


def test_the_second_save_of_the_same_field_shows_both_values_and_keeps_what_was_typed(
    login, client, django_user_model, make_user, lead, make_person
):
    from django.test import Client

    from tests.conftest import verify

    person = make_person(phone="0100 000 0000", postcode="AB1 2CD")
    colleague = make_user(Role.CASE_MANAGER)
    url = f"/people/{person.pk}/change/"
    theirs = verify(Client(), colleague)
    mine = login(lead)
    loaded = person.version
    assert f'name="version" value="{loaded}"' in mine.get(url).content.decode()

    # They save a new phone number and postcode first
    assert (
        theirs.post(url, edit_post(person, loaded, phone="0199 999 9999", postcode="ZZ9 9ZZ")).status_code
        == 302
    )
    # Then I save a different phone number, from the form I loaded before their change
    response = mine.post(url, edit_post(person, loaded, phone="0111 111 1111", preferred_name="Al"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were editing" in page
    assert "0111 111 1111" in page and "0199 999 9999" in page  # what I typed, and what is saved now
    person.refresh_from_db()
    assert person.phone == "0199 999 9999" and person.preferred_name == ""  # nothing of mine saved yet
    assert 'value="ZZ9 9ZZ"' in page  # their other change is kept in the form
    assert 'value="Al"' in page  # and what I typed is still there
    assert f'name="version" value="{person.version}"' in page

    # I choose to keep mine, and save again from the conflict page
    response = mine.post(url, edit_post(person, person.version, phone="0111 111 1111", preferred_name="Al"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.postcode, person.preferred_name) == ("0111 111 1111", "ZZ9 9ZZ", "Al")


def test_changes_to_different_fields_are_both_kept_without_asking(login, lead, make_user, make_person):
    person = make_person(phone="0100", postcode="AB1 2CD")
    colleague = make_user(Role.CASE_MANAGER)
    loaded = person.version
    update_person(person=person, by=colleague, version=loaded, postcode="ZZ9 9ZZ")
    response = login(lead).post(
        f"/people/{person.pk}/change/", edit_post(person, loaded, postcode="AB1 2CD", phone="0222")
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.postcode) == ("0222", "ZZ9 9ZZ")


def test_a_carer_changed_by_two_people_at_once_shows_both_values(login, lead, make_user, person):
    carer = add_carer(person=person, by=lead, name="Pat", contact="0100")
    loaded = carer.version
    update_carer(carer=carer, by=make_user(Role.CASE_MANAGER), version=loaded, contact="0199")
    url = f"/people/{person.pk}/carers/{carer.pk}/"
    response = login(lead).post(url, {"name": "Pat", "contact": "0111", "active": "on", "version": loaded})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this while you were editing" in page
    assert "0111" in page and "0199" in page
    assert Carer.objects.get(pk=carer.pk).contact == "0199"
