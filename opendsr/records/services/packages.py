"""Moving a person to an ICB that uses another OpenDSR instance, by a transfer package (`opendsr.records.packages`).

Sending: the DSR lead makes the package, and the person leaves the register as moved to another ICB (the
register's own leaving, naming the ICB and the date); the package stays with the sending ICB to download, as
its note of where the person went. Receiving: the DSR lead uploads the package (refused unless it follows the
schema), checks the preview, and imports it: all or nothing, like a spreadsheet import. The person's history
arrives as timeline events marked as imported from the sending ICB (docs/adr/0009), and the clock recomputes.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.communication.models import CommunicationNeeds
from opendsr.records import packages
from opendsr.records.models import PackageDirection, PackageStatus, TransferPackage
from opendsr.records.services.merging import in_force_merge_of
from opendsr.records.services.transfers import pending_transfer_of
from opendsr.register import nhs_numbers, obligations
from opendsr.register.models import (
    ConsentRecord,
    ExitReason,
    Person,
    RatingDecision,
    RegisterStatus,
)
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.timeline import record_event
from opendsr.web.today import today as get_today


def latest_exit(person: Person):
    return person.exits.order_by("-left_on", "-id").first()


@transaction.atomic
def make_package(
    *,
    person: Person,
    by,
    to_icb_name: str = "",
    left_on: dt.date | None = None,
    reason: str = "",
    request=None,
) -> TransferPackage:
    """The transfer package of someone moving to an ICB in another OpenDSR. Someone on the register leaves it
    as moved to that ICB; someone who already left it as moved to another ICB is packaged as they left."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if in_force_merge_of(person):
        raise ValidationError("This record was merged into another: make the package of that record instead")
    if pending_transfer_of(person):
        raise ValidationError("A move to another ICB in this OpenDSR is waiting for an answer")
    if not nhs_numbers.is_valid(person.nhs_number):
        raise ValidationError("Record their NHS number first: the receiving ICB finds them by it")
    left = latest_exit(person) if person.status == RegisterStatus.LEFT else None
    if person.status == RegisterStatus.LEFT:
        if left is None or left.reason != ExitReason.MOVED_ICB:
            raise ValidationError("They left the register for another reason than moving to another ICB")
        to_icb_name = to_icb_name.strip() or left.new_icb_name
        left_on, reason = left.left_on, reason.strip() or left.notes
    else:
        problems = {}
        if not (to_icb_name or "").strip():
            problems["to_icb_name"] = "Enter the ICB they are moving to"
        if left_on is None:
            problems["left_on"] = "Enter the date they moved"
        if not (reason or "").strip():
            problems["reason"] = "Say why they are moving to another ICB"
        if problems:
            raise ValidationError(problems)
    document = packages.package_of(
        person, to_icb_name=to_icb_name.strip(), moved_on=left_on, reason=reason.strip()
    )
    wrong = packages.schema_problems(document)
    if wrong:
        raise ValidationError("Their record cannot be put in a transfer package: " + "; ".join(wrong))
    if left is None:
        remove_from_register(
            person=person,
            by=by,
            reason=ExitReason.MOVED_ICB,
            left_on=left_on,
            notes=reason.strip(),
            new_icb_name=to_icb_name.strip(),
            request=request,
        )
    package = TransferPackage.objects.create(
        icb_id=person.icb_id,
        direction=PackageDirection.SENT,
        status=PackageStatus.MADE,
        person=person,
        other_icb_name=to_icb_name.strip()[:200],
        person_name=person.full_name,
        nhs_number=person.nhs_number,
        document=document,
        made_by=by,
    )
    audit.record(
        request or by,
        "person.transfer_package_made",
        person=person,
        summary=f"Made a transfer package for {package.other_icb_name}",
        detail={"package": package.pk},
    )
    return package


@transaction.atomic
def receive_package(*, icb, by, document: dict, file_name: str, request=None) -> TransferPackage:
    """Keep an uploaded package (already read against the schema) to check before importing it."""
    person = document["person"]
    package = TransferPackage.objects.create(
        icb=icb,
        direction=PackageDirection.RECEIVED,
        status=PackageStatus.PREVIEW,
        other_icb_name=document["from_icb"]["name"][:200],
        person_name=f"{person['given_name']} {person['family_name']}"[:201],
        nhs_number=person["nhs_number"],
        document=document,
        file_name=file_name[:200],
        made_by=by,
    )
    audit.record(
        request or by,
        "transfer_package.uploaded",
        summary=f"Uploaded the transfer package of {package.person_name} from {package.other_icb_name}",
        detail={"package": package.pk},
    )
    return package


def _from(package: TransferPackage, text: str) -> str:
    said = (text or "").strip()
    return f"From {package.other_icb_name}'s register" + (f": {said}" if said else "")


@transaction.atomic
def import_package(*, package: TransferPackage, by, request=None) -> Person:
    """Add the person and their history to the receiving register: all of it, or, with any problem, nothing."""
    package = TransferPackage.objects.select_for_update().get(pk=package.pk)
    if package.direction != PackageDirection.RECEIVED or package.status != PackageStatus.PREVIEW:
        raise ValidationError("This transfer package has already been imported")
    document = package.document
    found = packages.check(document, register=Person.objects.filter(icb_id=package.icb_id), today=get_today())
    if found.problems:
        raise ValidationError("The package cannot be imported: " + "; ".join(found.problems))
    person = packages.person_from(document)
    person.icb_id = package.icb_id
    person.save()
    for rating in document["ratings"]:
        RatingDecision.objects.create(
            person=person,
            rating=rating["rating"],
            decided_on=dt.date.fromisoformat(rating["decided_on"]),
            decided_by=by,
            rationale=_from(package, rating.get("rationale")),
            person_view=rating.get("person_view", ""),
            family_view=rating.get("family_view", ""),
        )
    for consent in document["consent"]:
        ConsentRecord.objects.create(
            person=person,
            kind=consent["kind"],
            scopes=consent["scopes"],
            given_by=consent["given_by"],
            date=dt.date.fromisoformat(consent["date"]),
            notes=_from(package, consent.get("notes")),
            capacity_notes=consent.get("capacity_notes", ""),
            best_interests_record=consent.get("best_interests_record", ""),
            reasons=consent.get("reasons", ""),
            revisit_on=dt.date.fromisoformat(consent["revisit_on"]) if consent.get("revisit_on") else None,
            recorded_by=by,
        )
    needs = document["communication_needs"]
    CommunicationNeeds.objects.create(
        person=person,
        easy_read=needs["easy_read"],
        large_print=needs["large_print"],
        interpreter=needs["interpreter"],
        preferred_method=needs["preferred_method"],
        updated_by=by,
    )
    for event in document["timeline"]:
        record_event(
            person=person,
            type=event["type"],
            date=dt.date.fromisoformat(event["date"]),
            by=by,
            data={**event["data"], "imported": True, "from_icb": package.other_icb_name},
            source=package.source,
            notes=_from(package, event["detail"]),
            refresh=False,
        )
    obligations.refresh_for(person)
    package.person = person
    package.status = PackageStatus.IMPORTED
    package.imported_by = by
    package.imported_at = timezone.now()
    package.save()
    audit.record(
        request or by,
        "person.transferred_in",
        person=person,
        summary=f"Moved here from {package.other_icb_name} (another OpenDSR) by a transfer package",
        detail={"package": package.pk, "events": len(document["timeline"])},
    )
    return person
