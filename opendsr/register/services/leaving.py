"""Writes about a person leaving the register."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.register.models import (
    ExitReason,
    Person,
    RegisterExit,
    RegisterStatus,
)
from opendsr.register.services.common import check_date, record_audit
from opendsr.register.timeline import record_event


@transaction.atomic
def remove_from_register(
    *,
    person: Person,
    by,
    reason: str,
    left_on: dt.date,
    notes: str = "",
    new_icb_name: str = "",
    request=None,
) -> RegisterExit:
    """Take a person off the register. Nothing is deleted: the record stays readable, with why they left."""
    if reason not in ExitReason.values:
        raise ValidationError({"reason": "Choose why they are leaving the register"})
    if person.status == RegisterStatus.LEFT:
        raise ValidationError("They have already left the register")
    check_date(
        left_on,
        field="left_on",
        subject="The date they left",
        person=person,
        after=person.rating_decided_on,
        after_what="of their latest rating",
    )
    if reason == ExitReason.MOVED_ICB and not (new_icb_name or "").strip():
        raise ValidationError({"new_icb_name": "Enter the ICB they moved to"})
    if reason == ExitReason.OTHER and not (notes or "").strip():
        raise ValidationError({"notes": "Say why they are leaving the register"})
    exit_record = RegisterExit.objects.create(
        person=person,
        reason=reason,
        left_on=left_on,
        notes=notes or "",
        new_icb_name=new_icb_name or "",
        recorded_by=by,
    )
    person.status = RegisterStatus.LEFT
    person.save(update_fields=["status", "updated_at"])
    # The clock ends what was still owed for them on the day they left, and keeps it as a record.
    record_event(person=person, type="left_register", date=left_on, by=by, source=f"exit:{exit_record.pk}")
    record_audit(
        by,
        "person.left_register",
        person=person,
        summary=f"Left the register: {exit_record.get_reason_display().lower()}",
        detail={"reason": reason},
        request=request,
    )
    return exit_record
