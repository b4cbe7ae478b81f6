"""Moving a person between the two ICBs of one instance: proposed by the sending DSR lead, accepted or declined by
the receiving one; accepted, the record moves and the sender keeps a note; declined, nothing changes."""

from django.urls import reverse

from opendsr.accounts.models import AuditEvent, Role
from opendsr.records.models import IcbTransfer, TransferStatus
from opendsr.register.models import RegisterStatus


def _propose(client, person, to_icb, reason="Moved home to live with her sister"):
    return client.post(
        reverse("records:propose_transfer", args=[person.pk]), {"to_icb": to_icb.pk, "reason": reason}
    )


def test_a_move_accepted_takes_the_person_and_their_history_to_the_receiving_icb(
    login, client, lead, other_lead, person, other_icb, make_user, team
):
    from opendsr.register.timeline import record_event

    record_event(person=person, type="mdt_held", date=person.date_of_birth.replace(year=2026))
    sender = login(lead)
    response = _propose(sender, person, other_icb)
    moving = IcbTransfer.objects.get()
    assert response.url == reverse("records:transfer", args=[moving.pk])
    assert moving.status == TransferStatus.PROPOSED

    # The receiving lead sees the proposal, and only what it shows.
    client.logout()
    receiver = login(other_lead)
    waiting = receiver.get(reverse("records:transfers")).content.decode()
    assert person.full_name in waiting
    assert receiver.get(reverse("register:detail", args=[person.pk])).status_code == 404
    proposal = receiver.get(reverse("records:transfer", args=[moving.pk])).content.decode()
    assert "Moved home to live with her sister" in proposal
    assert "Do you accept this person onto your register?" in proposal

    accepted = receiver.post(
        reverse("records:transfer", args=[moving.pk]), {"decision": "accept", "reason": ""}
    )
    assert accepted.url == reverse("register:detail", args=[person.pk])
    person.refresh_from_db()
    assert person.icb == other_icb
    assert person.team is None and person.case_manager is None
    assert person.status == RegisterStatus.ACTIVE
    assert person.timeline.filter(type="mdt_held").exists()
    assert receiver.get(reverse("register:detail", args=[person.pk])).status_code == 200
    assert AuditEvent.objects.filter(person=person, action="person.transferred_out", icb=lead.icb).exists()
    assert AuditEvent.objects.filter(person=person, action="person.transferred_in", icb=other_icb).exists()

    # The sender can no longer open the record, and keeps a read-only note of where the person went.
    client.logout()
    sender = login(make_user(Role.CASE_MANAGER, team=team))
    assert sender.get(reverse("register:detail", args=[person.pk])).status_code == 404
    note = sender.get(reverse("records:moved_away")).content.decode()
    assert person.full_name in note
    assert other_icb.name in note
    assert "1 person" in note


def test_a_move_declined_leaves_everything_as_it_was(
    login, client, lead, other_lead, person, other_icb, team
):
    _propose(login(lead), person, other_icb)
    moving = IcbTransfer.objects.get()
    client.logout()
    receiver = login(other_lead)
    refused = receiver.post(
        reverse("records:transfer", args=[moving.pk]), {"decision": "decline", "reason": ""}
    )
    assert "Say why you are declining the move" in refused.content.decode()
    declined = receiver.post(
        reverse("records:transfer", args=[moving.pk]),
        {"decision": "decline", "reason": "Still placed out of area"},
    )
    assert declined.url == reverse("records:transfers")
    person.refresh_from_db()
    assert (person.icb_id, person.team_id) == (lead.icb_id, team.pk)
    moving.refresh_from_db()
    assert moving.status == TransferStatus.DECLINED
    client.logout()
    sender = login(lead)
    shown = sender.get(reverse("records:transfer", args=[moving.pk])).content.decode()
    assert "Still placed out of area" in shown
    assert sender.get(reverse("register:detail", args=[person.pk])).status_code == 200
    assert "Nobody has moved from your register" in sender.get(reverse("records:moved_away")).content.decode()


def test_the_sending_lead_cannot_answer_their_own_proposal(login, lead, person, other_icb):
    sender = login(lead)
    _propose(sender, person, other_icb)
    moving = IcbTransfer.objects.get()
    page = sender.get(reverse("records:transfer", args=[moving.pk])).content.decode()
    assert "Do you accept" not in page
    assert "Waiting for" in page
    sender.post(reverse("records:transfer", args=[moving.pk]), {"decision": "accept"})
    person.refresh_from_db()
    assert person.icb_id == lead.icb_id


def test_a_move_needs_an_icb_and_a_reason(login, lead, person):
    response = login(lead).post(
        reverse("records:propose_transfer", args=[person.pk]), {"to_icb": "", "reason": ""}
    )
    text = response.content.decode()
    assert "Select the ICB they are moving to" in text
    assert "Say why they are moving to another ICB" in text
    assert not IcbTransfer.objects.exists()


def test_a_third_icb_sees_nothing_of_the_move(login, lead, person, other_icb, make_user):
    from tests.factories import OrganisationFactory

    _propose(login(lead), person, other_icb)
    moving = IcbTransfer.objects.get()
    third = make_user(Role.DSR_LEAD, icb=OrganisationFactory(name="NHS Third ICB", kind="icb"))
    client = login(third)
    assert client.get(reverse("records:transfer", args=[moving.pk])).status_code == 404
    assert person.full_name not in client.get(reverse("records:transfers")).content.decode()


def test_only_the_dsr_lead_proposes_a_move(login, make_user, person, other_icb, team):
    client = login(make_user(Role.CASE_MANAGER, team=team))
    assert _propose(client, person, other_icb).status_code == 403
    assert not IcbTransfer.objects.exists()
