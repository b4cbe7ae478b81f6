"""Merging two records of one person, and undoing a merge exactly.

A merge keeps one record (the survivor) and takes the other (the merged-away record) off the register with the
reason "merged into ...". Every record that hangs off the merged-away record moves to the survivor (the list is
`relations.MOVED`, checked against every ForeignKey to a person in the project); the audit trail stays where it
was, and the merge is audited on both. What moved, and both records' values before the merge, are kept on the
`RecordMerge`, so that undoing it moves the same rows back and puts every value back as it was.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.records import relations
from opendsr.records.models import RecordMerge
from opendsr.register import obligations
from opendsr.register.models import ExitReason, Person, RegisterExit, RegisterStatus
from opendsr.register.timeline import record_event, void_events
from opendsr.web.today import today as get_today

# The fields a merge never chooses between: the record's identity and bookkeeping. `rating_decided_on` goes
# with `current_rating`, and the status is the one furthest on the register.
NOT_CHOSEN = frozenset({"id", "icb", "status", "created_at", "updated_at", "version", "rating_decided_on"})
NOT_RESTORED = frozenset({"id", "created_at", "updated_at", "version"})
STATUS_ORDER = [RegisterStatus.LEFT, RegisterStatus.REFERRED, RegisterStatus.ACTIVE]
UNDONE = "merge undone"


def chosen_fields() -> list[models.Field]:
    """The fields of a person a merge may take from either record, in the order the form asks them."""
    return [f for f in Person._meta.concrete_fields if f.name not in NOT_CHOSEN]


def differing(first: Person, second: Person) -> list[models.Field]:
    return [f for f in chosen_fields() if f.value_from_object(first) != f.value_from_object(second)]


def _empty(value) -> bool:
    return value in (None, "", False)


def default_from(field: models.Field, keep: Person, other: Person) -> Person:
    """Which record a value is taken from unless the user says otherwise: the one kept, unless it has nothing
    there and the other has; for the rating, whichever was decided later."""
    if field.name == "current_rating":
        if keep.rating_decided_on and other.rating_decided_on:
            return other if other.rating_decided_on > keep.rating_decided_on else keep
        return other if not keep.current_rating and other.current_rating else keep
    if _empty(field.value_from_object(keep)) and not _empty(field.value_from_object(other)):
        return other
    return keep


def snapshot(person: Person) -> dict:
    """Every value of a person's record, as JSON."""
    values = {f.attname: f.value_from_object(person) for f in Person._meta.concrete_fields}
    return {
        name: (value.isoformat() if isinstance(value, dt.date | dt.datetime) else value)
        for name, value in values.items()
    }


def restore(person: Person, values: dict) -> None:
    for field in Person._meta.concrete_fields:
        if field.name in NOT_RESTORED or field.attname not in values:
            continue
        setattr(person, field.attname, field.to_python(values[field.attname]))


def _check_relations() -> None:
    missing = relations.unhandled()
    if missing:
        raise ImproperlyConfigured(
            "A merge does not know what to do with: " + ", ".join(missing) + " (opendsr.records.relations)"
        )


def in_force_merge_of(person: Person) -> RecordMerge | None:
    """The merge that took this record off the register, while it stands."""
    return RecordMerge.objects.filter(merged=person, unmerged_at__isnull=True).first()


def clashes(survivor: Person, merged: Person) -> list[str]:
    """Rows that cannot move because the survivor already has one like it (a record the database keeps to one
    per person, such as one item per person on a meeting's agenda)."""
    found = []
    for relation in relations.moved_relations():
        for constraint in relation.model._meta.constraints:
            fields = list(getattr(constraint, "fields", ()) or ())
            if not isinstance(constraint, models.UniqueConstraint) or relation.field not in fields:
                continue
            others = [f for f in fields if f != relation.field]
            theirs = relation.model.objects.filter(**{relation.field: merged})
            if constraint.condition is not None:
                theirs = theirs.filter(constraint.condition)
            for values in theirs.values(*others):
                mine = relation.model.objects.filter(**{relation.field: survivor}, **values)
                if constraint.condition is not None:
                    mine = mine.filter(constraint.condition)
                if mine.exists():
                    found.append(
                        f"both records have {relation.model._meta.verbose_name} for the same {' and '.join(others)}"
                    )
    return found


def moves_of(person: Person) -> dict[str, list[int]]:
    """The ids of every row of each moved kind that belongs to this person."""
    moved = {}
    for relation in relations.moved_relations():
        ids = list(
            relation.model._base_manager.filter(**{relation.field: person})
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if ids:
            moved[relation.label] = ids
    return moved


def _move(moved: dict[str, list[int]], to: Person) -> None:
    """Point the rows at another person, one at a time so that each row's history records the move."""
    for label, ids in moved.items():
        relation = relations.relation(label)
        for row in relation.model._base_manager.filter(pk__in=ids):
            setattr(row, relation.field, to)
            row.save(update_fields=[relation.field])


@transaction.atomic
def merge(
    *, survivor: Person, merged: Person, by, take_from_merged=(), reason: str = "", request=None
) -> RecordMerge:
    """Make two records of one person one: `survivor` stays, taking the values of the fields named in
    `take_from_merged` from `merged`; everything of `merged`'s moves to it; `merged` leaves the register."""
    _check_relations()
    survivor = Person.objects.select_for_update().get(pk=survivor.pk)
    merged = Person.objects.select_for_update().get(pk=merged.pk)
    if survivor.pk == merged.pk:
        raise ValidationError("Choose two different records")
    if survivor.icb_id != merged.icb_id:
        raise ValidationError("Only records on the same register can be merged")
    for person in (survivor, merged):
        if in_force_merge_of(person):
            raise ValidationError(f"Record {person.pk} has already been merged into another record")
    problems = clashes(survivor, merged)
    if problems:
        raise ValidationError("These records cannot be merged yet: " + "; ".join(problems))
    choosable = {f.name for f in chosen_fields()}
    unknown = set(take_from_merged) - choosable
    if unknown:
        raise ValidationError(f"These cannot be taken from the other record: {', '.join(sorted(unknown))}")

    record = RecordMerge.objects.create(
        icb_id=survivor.icb_id,
        survivor=survivor,
        merged=merged,
        reason=reason.strip(),
        survivor_before=snapshot(survivor),
        merged_before=snapshot(merged),
        taken_from_merged=sorted(take_from_merged),
        merged_by=by,
        moved=moves_of(merged),
    )
    _move(record.moved, survivor)

    # The merged-away record gives up its NHS number when the survivor takes it (one per register).
    if "nhs_number" in take_from_merged and merged.nhs_number:
        merged.nhs_number = ""
        merged.save(update_fields=["nhs_number", "updated_at"])
    for name in take_from_merged:
        _take(survivor, record.merged_before, name)
        if name == "current_rating":
            _take(survivor, record.merged_before, "rating_decided_on")
    survivor.status = max(survivor.status, merged.status, key=STATUS_ORDER.index)
    survivor.version += 1
    survivor.save()

    merged.status = RegisterStatus.LEFT
    merged.version += 1
    merged.save(update_fields=["status", "version", "updated_at"])
    today = get_today()
    RegisterExit.objects.create(
        person=merged,
        reason=ExitReason.OTHER,
        left_on=today,
        notes=f"Merged into {survivor.full_name}'s record (record {survivor.pk})",
        recorded_by=by,
    )
    record_event(
        person=merged, type="left_register", date=today, by=by, source=f"merge:{record.pk}", refresh=False
    )
    obligations.refresh_for(survivor)
    obligations.refresh_for(merged)

    detail = {"merge": record.pk, "survivor": survivor.pk, "merged": merged.pk, "moved": record.moved_count}
    audit.record(
        request or by,
        "person.merged",
        person=survivor,
        summary=f"Merged record {merged.pk} into this record: {record.moved_count} records moved",
        detail=detail,
    )
    audit.record(
        request or by,
        "person.merged_away",
        person=merged,
        summary=f"Merged into {survivor.full_name}'s record (record {survivor.pk})",
        detail=detail,
    )
    return record


def _take(person: Person, values: dict, name: str) -> None:
    """Give a person one field's value from a snapshot."""
    field = Person._meta.get_field(name)
    setattr(person, field.attname, field.to_python(values.get(field.attname)))


@transaction.atomic
def unmerge(*, merge_record: RecordMerge, by, reason: str, request=None) -> RecordMerge:
    """Undo a merge: the rows that moved go back, both records get back every value they had before it, and the
    merged-away record is back on the register as it was. Changes made to the survivor since are undone too."""
    record = RecordMerge.objects.select_for_update().get(pk=merge_record.pk)
    if record.unmerged_at is not None:
        raise ValidationError("This merge has already been undone")
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the merge is being undone"})
    survivor = Person.objects.select_for_update().get(pk=record.survivor_id)
    merged = Person.objects.select_for_update().get(pk=record.merged_id)

    _move(record.moved, merged)
    # The survivor first, so that an NHS number it took goes back before the other record has it again.
    for person, values in ((survivor, record.survivor_before), (merged, record.merged_before)):
        restore(person, values)
        person.version += 1
        person.save()
    void_events(person=merged, source=f"merge:{record.pk}", reason=UNDONE, refresh=False)
    obligations.refresh_for(survivor)
    obligations.refresh_for(merged)

    record.unmerged_at = timezone.now()
    record.unmerged_by = by
    record.unmerge_reason = reason.strip()
    record.save()
    detail = {
        "merge": record.pk,
        "survivor": survivor.pk,
        "merged": merged.pk,
        "reason": record.unmerge_reason,
    }
    audit.record(
        request or by,
        "person.unmerged",
        person=survivor,
        summary=f"Undid the merge of record {merged.pk} into this record",
        detail=detail,
    )
    audit.record(
        request or by,
        "person.unmerged",
        person=merged,
        summary=f"Undid the merge of this record into {survivor.full_name}'s record (record {survivor.pk})",
        detail=detail,
    )
    return record
