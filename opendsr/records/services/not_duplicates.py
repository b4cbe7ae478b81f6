"""Marking two records that look alike as two different people, and taking the mark away again.

A mark stops the pair being offered as a possible duplicate (on the list and on both people's pages). It never
covers two records with the same NHS number: one NHS number is one person, so such a pair cannot be marked, and a
mark whose records are later edited to share an NHS number stops hiding them. Both are audited on both records.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.records.models import NotDuplicate
from opendsr.register.models import Person


def mark_of(first: Person, second: Person) -> NotDuplicate | None:
    """The mark in force on this pair of records, if any."""
    low, high = sorted((first.pk, second.pk))
    return NotDuplicate.objects.filter(first_id=low, second_id=high, removed_at__isnull=True).first()


def same_nhs_number(first: Person, second: Person) -> bool:
    return bool(first.nhs_number) and first.nhs_number == second.nhs_number


@transaction.atomic
def mark_not_duplicate(*, first: Person, second: Person, by, reason: str, request=None) -> NotDuplicate:
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say how you know they are different people"})
    if first.pk == second.pk:
        raise ValidationError("These are the same record")
    if first.icb_id != second.icb_id:
        raise ValidationError("Both records must be on your register")
    if same_nhs_number(first, second):
        raise ValidationError(
            "These records have the same NHS number, so they are the same person: merge them instead"
        )
    low, high = sorted((first, second), key=lambda p: p.pk)
    Person.objects.select_for_update().filter(pk__in=[low.pk, high.pk]).order_by("pk").exists()
    if mark_of(low, high):
        raise ValidationError("These records are already marked as different people")
    mark = NotDuplicate.objects.create(
        icb_id=low.icb_id, first=low, second=high, reason=reason.strip(), marked_by=by
    )
    for person, other in ((low, high), (high, low)):
        audit.record(
            request or by,
            "person.marked_not_duplicate",
            person=person,
            summary=f"Marked as a different person from record {other.pk}",
            detail={"not_duplicate": mark.pk, "other": other.pk},
        )
    return mark


@transaction.atomic
def remove_mark(*, mark: NotDuplicate, by, reason: str, request=None) -> NotDuplicate:
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the mark is being removed"})
    mark = NotDuplicate.objects.select_for_update().get(pk=mark.pk)
    if not mark.in_force:
        raise ValidationError("This mark has already been removed")
    mark.removed_at = timezone.now()
    mark.removed_by = by
    mark.removal_reason = reason.strip()
    mark.save(update_fields=["removed_at", "removed_by", "removal_reason"])
    for person, other in ((mark.first, mark.second_id), (mark.second, mark.first_id)):
        audit.record(
            request or by,
            "person.not_duplicate_removed",
            person=person,
            summary=f"Removed the mark that this record and record {other} are different people",
            detail={"not_duplicate": mark.pk, "other": other},
        )
    return mark
