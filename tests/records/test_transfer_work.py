"""A move proposed to an ICB is on its DSR lead's work queue, linked to the page that accepts or declines it, until
it is answered; nobody else in either ICB gets the row."""

import re

from django.urls import reverse

from opendsr.accounts.models import Role
from opendsr.records.services import accept_transfer, propose_transfer


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _work(client, name="oversight:my_work") -> tuple[str, str]:
    response = client.get(reverse(name), {"show": "all"} if name == "oversight:my_work" else {})
    assert response.status_code == 200
    return text(response), response.content.decode()


def test_an_incoming_move_is_on_the_receiving_leads_work_until_it_is_answered(
    login, lead, other_lead, make_user, person, other_icb
):
    moving = propose_transfer(person=person, by=lead, to_icb=other_icb, reason="Moved home to the new area")
    decide = reverse("records:transfer", args=[moving.pk])

    page, html = _work(login(other_lead))
    assert "Move from another ICB: accept or decline" in page
    assert person.full_name in page
    assert "Moved home to the new area" in page
    assert f'href="{decide}"' in html
    assert "Moves from another ICB" in _work(login(other_lead), "oversight:icb_work")[0]

    # The sending lead, and a case manager of the receiving ICB, get no row
    assert "Move from another ICB" not in _work(login(lead))[0]
    case_manager = make_user(Role.CASE_MANAGER, icb=other_icb)
    page, html = _work(login(case_manager))
    assert "Move from another ICB" not in page
    assert decide not in html

    accept_transfer(transfer=moving, by=other_lead, reason="")
    assert "Move from another ICB" not in _work(login(other_lead))[0]
