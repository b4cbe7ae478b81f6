"""A panel member sees the review they sit on and what it needs: the person's name and the arrangements, not
the person's record, their NHS number, nor what reviews they did not sit on agreed."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.reviews.models import PanelSeat, ReviewAction
from opendsr.web.formatting import nhs_number
from tests.reviews.factories import PanelMemberFactory, ReviewFactory


def _reviews(icb, make_person):
    person = make_person(given_name="Ada", family_name="Lovelace")
    earlier = ReviewFactory(person=person, held_on=dt.date(2026, 9, 1), status="completed")
    ReviewAction.objects.create(
        review=earlier,
        person=person,
        text="Find a tenancy near her sister",
        owner_name="Pat Housing",
        owner_organisation="Northdale County Council",
        due=dt.date(2027, 1, 1),
    )
    current = ReviewFactory(person=person, reasonable_adjustments="A quiet room")
    return person, earlier, current


def test_a_panel_member_sees_their_review_and_not_the_persons_record(icb, make_person, make_user, login):
    person, earlier, current = _reviews(icb, make_person)
    panel_user = make_user(Role.PANEL_MEMBER)
    member = PanelMemberFactory(icb=icb, user=panel_user, role="expert_by_experience")
    PanelSeat.objects.create(review=current, member=member, role="expert_by_experience")
    client = login(panel_user)

    page = client.get(f"/reviews/{current.pk}/").content.decode()
    assert "Ada Lovelace" in page and "A quiet room" in page
    assert "Find a tenancy near her sister" not in page  # agreed at a review they did not sit on
    assert nhs_number(person.nhs_number) not in page and person.nhs_number not in page
    assert f"/people/{person.pk}/" not in page  # no link to the whole record
    assert client.get(f"/people/{person.pk}/").status_code == 403
    assert client.get(f"/work/people/{person.pk}/timeline/").status_code == 403
    assert client.get(f"/reviews/{earlier.pk}/").status_code == 404


def test_the_case_manager_still_sees_the_last_reviews_actions(icb, make_person, make_user, login):
    person, _earlier, current = _reviews(icb, make_person)
    page = login(make_user(Role.CASE_MANAGER)).get(f"/reviews/{current.pk}/").content.decode()
    assert "Find a tenancy near her sister" in page
    assert nhs_number(person.nhs_number) in page
    assert f"/people/{person.pk}/" in page
