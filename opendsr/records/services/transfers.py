"""Moving a person to another ICB's register in this instance (001 s3.1: someone placed out of area stays with the
placing ICB; someone who moves changes ICB).

The sending ICB's DSR lead proposes it with a reason; the receiving ICB's DSR lead accepts or declines it with a
reason. On acceptance the person and all their history move: their ICB changes, and their team and case manager
are cleared for the receiving ICB to allocate. The transfer stays with the sending ICB as its read-only note of
where the person went. Declined, nothing changes.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.accounts.models import Organisation, OrganisationKind
from opendsr.records.models import IcbTransfer, TransferStatus
from opendsr.records.services.merging import in_force_merge_of
from opendsr.register import obligations
from opendsr.register.models import Person, RegisterStatus


def pending_transfer_of(person: Person) -> IcbTransfer | None:
    return IcbTransfer.objects.filter(person=person, status=TransferStatus.PROPOSED).first()


@transaction.atomic
def propose_transfer(*, person: Person, by, to_icb: Organisation, reason: str, request=None) -> IcbTransfer:
    person = Person.objects.select_for_update().get(pk=person.pk)
    if to_icb is None or to_icb.kind != OrganisationKind.ICB:
        raise ValidationError({"to_icb": "Select the ICB they are moving to"})
    if to_icb.pk == person.icb_id:
        raise ValidationError({"to_icb": "Select an ICB other than your own"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why they are moving to another ICB"})
    if person.status == RegisterStatus.LEFT:
        raise ValidationError("They have left the register: only someone on it, or referred to it, can move")
    if in_force_merge_of(person):
        raise ValidationError("This record was merged into another: move that record instead")
    if pending_transfer_of(person):
        raise ValidationError("A move to another ICB is already waiting for an answer")
    transfer = IcbTransfer.objects.create(
        person=person,
        from_icb_id=person.icb_id,
        from_team_id=person.team_id,
        to_icb=to_icb,
        reason=reason.strip(),
        person_name=person.full_name,
        nhs_number=person.nhs_number,
        date_of_birth=person.date_of_birth,
        proposed_by=by,
    )
    audit.record(
        request or by,
        "person.transfer_proposed",
        person=person,
        summary=f"Proposed a move to {to_icb.name}",
        detail={"transfer": transfer.pk, "to_icb": to_icb.pk},
    )
    return transfer


def _decide(transfer: IcbTransfer, by) -> IcbTransfer:
    transfer = IcbTransfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != TransferStatus.PROPOSED:
        raise ValidationError("This move has already been answered")
    if by.icb_id != transfer.to_icb_id:
        raise ValidationError("Only the receiving ICB can answer this move")
    return transfer


@transaction.atomic
def accept_transfer(*, transfer: IcbTransfer, by, reason: str = "", request=None) -> IcbTransfer:
    transfer = _decide(transfer, by)
    person = Person.objects.select_for_update().get(pk=transfer.person_id)
    clash = Person.objects.filter(icb_id=transfer.to_icb_id, nhs_number=person.nhs_number).exclude(
        pk=person.pk
    )
    if person.nhs_number and clash.exists():
        raise ValidationError(
            "Someone with this NHS number is already on your register: decline the move and ask the sending ICB "
            "to take this record off their register instead"
        )
    # Told on the sending side first, while the record is still theirs.
    audit.record(
        request or by,
        "person.transferred_out",
        person=person,
        summary=f"Moved to {transfer.to_icb.name}",
        detail={"transfer": transfer.pk, "to_icb": transfer.to_icb_id},
    )
    person.icb_id = transfer.to_icb_id
    person.team = None
    person.case_manager = None
    person.version += 1
    person.save()
    obligations.refresh_for(person)
    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_by = by
    transfer.decided_at = timezone.now()
    transfer.decision_reason = (reason or "").strip()
    transfer.save()
    audit.record(
        request or by,
        "person.transferred_in",
        person=person,
        summary=f"Moved here from {transfer.from_icb.name}",
        detail={"transfer": transfer.pk, "from_icb": transfer.from_icb_id},
    )
    return transfer


@transaction.atomic
def decline_transfer(*, transfer: IcbTransfer, by, reason: str, request=None) -> IcbTransfer:
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why you are declining the move"})
    transfer = _decide(transfer, by)
    transfer.status = TransferStatus.DECLINED
    transfer.decided_by = by
    transfer.decided_at = timezone.now()
    transfer.decision_reason = reason.strip()
    transfer.save()
    audit.record(
        request or by,
        "transfer.declined",
        summary=f"Declined the move of {transfer.person_name} from {transfer.from_icb.name}: {transfer.decision_reason}",
        detail={"transfer": transfer.pk, "from_icb": transfer.from_icb_id},
    )
    return transfer
