"""What the API takes and gives. Text is refused when it holds control characters; lengths match the records."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator, Field

from opendsr.policy import EventType
from opendsr.referrals.models import Channel, Source
from opendsr.register.models import Diagnosis

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]")


def _plain(text: str) -> str:
    if _CONTROL.search(text):
        raise ValueError("must not contain control characters")
    return text


def _one_line(text: str) -> str:
    if _LINE_BREAK.search(_plain(text)):
        raise ValueError("must be on one line")
    return text.strip()


def _email(text: str) -> str:
    if text:
        try:
            validate_email(text)
        except DjangoValidationError:
            raise ValueError("must be an email address, like name@example.com") from None
    return text


def Line(max_length: int, min_length: int = 0):  # noqa: N802 - reads as a type
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_one_line)]


def Text(max_length: int, min_length: int = 0):  # noqa: N802 - reads as a type
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_plain)]


# Timeline events recorded through the API: those the "Record an event" page records itself. Referrals, ratings,
# consent, admissions, C(E)TRs, LAEP meetings and oversight visits are records of their own.
RECORDABLE = (
    EventType.DIAGNOSED_IN_HOSPITAL,
    EventType.DIAGNOSIS_REMOVAL_PROPOSED,
    EventType.MDT_HELD,
    EventType.MOJ_CONTACTED,
    EventType.KEYWORKER_REFERRED,
    EventType.CARER_CONTINGENCY_DISCUSSED,
)
RecordableType = Literal[tuple(t.value for t in RECORDABLE)]  # type: ignore[valid-type]
Queue = Literal["open", "overdue", "week", "month", "later"]


class Error(Schema):
    detail: str | list


class Person(Schema):
    id: int
    nhs_number: str
    given_name: str
    family_name: str
    date_of_birth: dt.date
    status: str
    diagnosis: str
    location: str
    current_rating: str
    team: str | None
    case_manager: str | None


class PersonPage(Schema):
    count: int
    page: int
    pages: int
    results: list[Person]


class Event(Schema):
    id: int
    type: str
    label: str
    date: dt.date
    data: dict
    notes: str
    source: str
    recorded_at: dt.datetime
    voided: bool
    voided_reason: str


class EventIn(Schema):
    type: RecordableType
    date: dt.date
    notes: Text(2000) = ""
    change_date: dt.date | None = Field(
        None, description="For diagnosis_removal_proposed: the date the change would take effect"
    )


class Obligation(Schema):
    id: int
    person_id: int
    kind: str
    label: str
    raised_on: dt.date
    due: dt.date | None
    met_on: dt.date | None
    status: str
    basis: str


class ObligationPage(Schema):
    count: int
    page: int
    pages: int
    results: list[Obligation]


class NewPerson(Schema):
    nhs_number: Line(12) = ""
    given_name: Line(100, 1)
    family_name: Line(100, 1)
    date_of_birth: dt.date
    diagnosis: Literal[tuple(Diagnosis.values)]  # type: ignore[valid-type]


class ReferralIn(Schema):
    person_id: int | None = Field(None, ge=1, description="Someone already on the register; or give `person`")
    person: NewPerson | None = Field(None, description="Someone new to the register; or give `person_id`")
    received_on: dt.date
    source: Literal[tuple(Source.values)]  # type: ignore[valid-type]
    channel: Literal[tuple(c for c in Channel.values if c != Channel.ONLINE)]  # type: ignore[valid-type]
    reason: Text(5000, 1)
    referrer_name: Line(200) = ""
    referrer_role: Line(200) = ""
    referrer_organisation: Line(200) = ""
    referrer_email: Annotated[Line(254), AfterValidator(_email)] = ""
    referrer_phone: Line(40) = ""
    person_agrees: bool | None = None
    family_agrees: bool | None = None


class Referral(Schema):
    id: int
    person_id: int
    received_on: dt.date
    source: str
    channel: str
