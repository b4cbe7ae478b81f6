"""Viewing a page that shows a person's data writes an audit row naming them; a list writes one row naming the
page, its filters and the people it showed."""

import datetime as dt

import pytest

from opendsr.accounts.models import AuditEvent, Role
from opendsr.register.models import Carer
from opendsr.reviews.models import Invitation, PanelSeat
from tests.referrals.factories import ReferralFactory
from tests.reviews.factories import PanelMemberFactory, ReviewFactory


def _rows_for(client, path):
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert client.get(path).status_code == 200
    return list(AuditEvent.objects.filter(pk__gt=before))


@pytest.mark.parametrize(
    "page",
    ["change form", "carer edit", "findings", "meeting", "invitation", "acknowledgement", "review panel"],
)
def test_viewing_a_page_that_shows_a_person_is_audited(page, person, lead, login):
    review = ReviewFactory(person=person, held_on=dt.date(2027, 2, 20))
    carer = Carer.objects.create(person=person, name="Sue Carer")
    invitation = Invitation.objects.create(review=review, role="family", name="Sue Carer")
    referral = ReferralFactory(person=person)
    path = {
        "change form": f"/people/{person.pk}/change/",
        "carer edit": f"/people/{person.pk}/carers/{carer.pk}/",
        "findings": f"/reviews/{review.pk}/findings/safe/",
        "meeting": f"/reviews/{review.pk}/meeting/",
        "invitation": f"/reviews/invitations/{invitation.pk}/",
        "acknowledgement": f"/referrals/{referral.pk}/acknowledge/",
        "review panel": f"/reviews/{review.pk}/panel/",
    }[page]
    rows = _rows_for(login(lead), path)
    assert [row.person_id for row in rows] == [person.pk]
    assert rows[0].path == path and rows[0].user == lead


def test_a_list_writes_one_row_naming_the_people_it_showed(make_person, lead, login):
    shown = [make_person(family_name="Ashdown"), make_person(family_name="Ashdown")]
    make_person(family_name="Brookfield")
    rows = _rows_for(login(lead), "/people/?q=Ashdown")
    assert len(rows) == 1
    assert rows[0].action == "people.listed"
    assert sorted(rows[0].detail["people"]) == sorted(p.pk for p in shown)
    assert rows[0].detail["filters"]["q"] == "Ashdown"


def test_a_panel_members_review_page_is_audited(icb, person, make_user, login):
    panel_user = make_user(Role.PANEL_MEMBER)
    review = ReviewFactory(person=person)
    member = PanelMemberFactory(icb=icb, user=panel_user)
    PanelSeat.objects.create(review=review, member=member, role="clinical_expert")
    rows = _rows_for(login(panel_user), f"/reviews/{review.pk}/findings/safe/")
    assert [row.person_id for row in rows] == [person.pk]
