"""What the register's writes share: auditing, checking dates, and refusing a change made over someone else's
newer one."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from opendsr.accounts import audit
from opendsr.policy import dates
from opendsr.register import edit_conflicts
from opendsr.register.models import (
    Person,
)
from opendsr.web.today import today as get_today


def record_audit(by, action: str, *, person=None, summary: str = "", detail=None, request=None):
    audit.record(request or by, action, person=person, summary=summary, detail=detail)


def not_in_future(value: dt.date | None, field: str, label: str) -> None:
    if value is not None and value > get_today():
        raise ValidationError({field: f"{label} must be today or in the past"})


def check_date(
    value: dt.date | None,
    *,
    field: str,
    subject: str,
    person: Person | None = None,
    born: dt.date | None = None,
    after: dt.date | None = None,
    after_what: str = "",
    planned: bool = False,
) -> None:
    """Refuse a date that cannot be right on this person's record (`opendsr.policy.dates`): before 1900,
    before they were born, before the record it follows (`after`, "consent was given"), or in the future
    (more than 10 years ahead when `planned`). The message names the field, for the form to show."""
    problem = dates.event_date_problem(
        value,
        subject=subject,
        today=get_today(),
        born=born if born is not None else getattr(person, "date_of_birth", None),
        after=after,
        after_what=after_what,
        planned=planned,
    )
    if problem:
        raise ValidationError({field: problem})


def as_loaded(record, version: int, names) -> dict | None:
    """The fields of a record as they were at a version, from its history (None when not known)."""
    then = record.history.filter(version=version).order_by("-history_date", "-history_id").first()
    return {name: getattr(then, name) for name in names} if then is not None else None


def check_version(model, record, version: int | None, changes: dict) -> dict:
    """Lock the record; when it has moved on since the form was loaded at `version`, merge the changes with
    what is saved now, or raise `EditConflict` when both sides changed the same field differently."""
    saved = model.objects.select_for_update().get(pk=record.pk)
    record.refresh_from_db()  # what is saved now, under the lock, so that the save below undoes nothing
    if version is None or saved.version == version:
        return changes
    merged, conflicts = edit_conflicts.merge(
        original=as_loaded(saved, version, changes),
        mine=changes,
        saved={name: getattr(saved, name) for name in changes},
    )
    if conflicts:
        raise edit_conflicts.EditConflict(conflicts=conflicts, merged=merged, version=saved.version)
    return merged
