"""What the review services share: checks of dates and required fields, and the audit of a review."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from opendsr.accounts import audit
from opendsr.register.services import check_date


def _not_in_future(value, field, label, *, person=None):
    """Refuse a date in the future, before 1900 or (given the person) before they were born."""
    check_date(value, field=field, subject=label, person=person)


def _required(values: dict) -> None:
    missing = {field: message for field, (value, message) in values.items() if not str(value or "").strip()}
    if missing:
        raise ValidationError(missing)


def _audit(by, action, review, summary, request=None, **detail):
    audit.record(
        by,
        action,
        person=review.person,
        summary=summary[:300],
        detail={"review": review.pk, **detail},
        request=request,
    )
