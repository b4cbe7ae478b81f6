"""What the inpatient record's writes share: checking answers together, and the admission they belong to."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

from opendsr.inpatients.models import (
    Admission,
)
from opendsr.policy import dates
from opendsr.register.models import Person
from opendsr.web.today import today as get_today
from opendsr.web.validators import has_line_break

ODS_CODE = re.compile(r"[A-Z0-9]{3,10}")


# ------------------------------------------------------------------------------------------- checking


class Problems(dict):
    """The problems with what was entered, by field; raised together so the form shows every one."""

    def date(
        self, field: str, value, *, subject: str, person: Person, after=None, after_what="", planned=False
    ):
        if field in self:
            return
        problem = dates.event_date_problem(
            value,
            subject=subject,
            today=get_today(),
            born=person.date_of_birth,
            after=after,
            after_what=after_what,
            planned=planned,
        )
        if problem:
            self[field] = problem

    def text(self, field: str, value: str, *, label: str, required: bool = True, limit: int = 200, line=True):
        value = (value or "").strip()
        if required and not value:
            self[field] = f"Enter {label}"
        elif line and has_line_break(value):
            self[field] = f"{label[:1].upper()}{label[1:]} must be on one line"
        elif len(value) > limit:
            self[field] = f"{label[:1].upper()}{label[1:]} must be {limit} characters or fewer"
        return value

    def choice(self, field: str, value: str, choices, message: str) -> None:
        if value not in choices.values:
            self[field] = message

    def raise_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def long_date(value: dt.date) -> str:
    return dates.long_date(value)


def open_admission(admission: Admission) -> Admission:
    """The admission, locked; refused when the person has already been discharged."""
    admission = Admission.objects.select_for_update().get(pk=admission.pk)
    if not admission.is_open:
        raise ValidationError(
            f"{admission.person.full_name} was discharged on {long_date(admission.discharged_on)}. "
            "Record a new admission instead"
        )
    return admission


def latest_move(admission: Admission) -> tuple[dt.date, str]:
    moved = admission.transfers.order_by("-moved_on", "-id").first()
    if moved is not None:
        return moved.moved_on, "of the last move"
    return admission.admitted_on, "of admission"
