"""Transfer packages: a person moving to an ICB that uses another OpenDSR instance (001 s3.1).

A package is a JSON document following `transfer-package.schema.json` (beside this file, published at
/records/packages/schema.json): the person's identifiers and demographics, the facts of their care the clock
needs, their ratings, consent (with who gave it), timeline events (each marked as from the sending ICB), open
C(E)TR actions and communication needs. A PDF summary of the same document is for people to read.

This module makes a package from a person (`package_of`), reads an uploaded one (`read`: not JSON, too large or
not following the schema is refused with every reason in plain words), and finds what stops one being imported
into a register (`problems`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from opendsr.communication.models import CommunicationNeeds
from opendsr.policy.model import EventType
from opendsr.register import nhs_numbers
from opendsr.register.models import Person, RegisterStatus
from opendsr.reviews.models import ActionStatus, ReviewAction
from opendsr.web.formatting import nhs_date

SCHEMA_PATH = Path(__file__).with_name("transfer-package.schema.json")
SCHEMA_VERSION = "1"
MAX_PACKAGE_BYTES = 1024 * 1024  # a person's package is tens of kilobytes; anything near this is not one
MAX_PROBLEMS = 20  # reasons shown for a file that does not follow the schema

PERSON_FIELDS = (
    "nhs_number",
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "gender_identity",
    "ethnicity",
    "diagnosis",
    "address",
    "postcode",
    "gp_practice",
    "email",
    "phone",
    "current_rating",
    "rating_decided_on",
    "location",
)
CARE_FIELDS = (
    "has_ehcp",
    "in_cyp_tier4",
    "residential_52_week",
    "moj_restricted",
    "has_unpaid_carer",
    "known_to_keyworker",
    "keyworker_name",
    "keyworker_service",
    "out_of_area",
    "out_of_area_details",
    "has_care_plan",
    "care_plan_has_contingency",
    "care_plan_reviewed_on",
    "has_risk_assessment",
    "risk_assessment_reviewed_on",
    "reason_for_risk",
    "housing_needs",
    "lead_professional",
    "current_provider",
    "advocate_name",
    "advocate_organisation",
    "partners_to_involve",
)
RATING_FIELDS = ("rating", "decided_on", "rationale", "person_view", "family_view")
CONSENT_FIELDS = (
    "kind",
    "scopes",
    "given_by",
    "date",
    "notes",
    "capacity_notes",
    "best_interests_record",
    "reasons",
    "revisit_on",
)
NOT_CARRIED = {EventType.LEFT_REGISTER.value}  # the sending register's own: leaving it is not the receiver's


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def _values(obj, names) -> dict:
    return {name: _plain(getattr(obj, name)) for name in names}


def package_of(person: Person, *, to_icb_name: str, moved_on: dt.date, reason: str) -> dict:
    """The transfer package of a person as their register holds them now."""
    needs = CommunicationNeeds.objects.filter(person=person).first()
    actions = ReviewAction.objects.filter(person=person, status=ActionStatus.OPEN).select_related("review")
    events = (
        person.timeline.filter(voided_at__isnull=True).exclude(type__in=NOT_CARRIED).order_by("date", "id")
    )
    status = person.status if person.status != RegisterStatus.LEFT else RegisterStatus.ACTIVE
    return {
        "schema_version": SCHEMA_VERSION,
        "made_at": timezone.now().isoformat(timespec="seconds"),
        "from_icb": {"name": person.icb.name, "ods_code": person.icb.ods_code or ""},
        "to_icb": {"name": to_icb_name},
        "moved_on": moved_on.isoformat(),
        "reason": reason,
        "person": {
            **_values(person, PERSON_FIELDS),
            "status": status,
            "care": _values(person, CARE_FIELDS),
        },
        "ratings": [_values(r, RATING_FIELDS) for r in person.rating_decisions.order_by("decided_on", "id")],
        "consent": [_values(c, CONSENT_FIELDS) for c in person.consents.order_by("date", "id")],
        "timeline": [
            {
                "type": e.type,
                "date": e.date.isoformat(),
                "detail": e.notes,
                "data": e.data or {},
                "from_sending_icb": True,
            }
            for e in events
        ],
        "open_actions": [
            {
                "text": a.text,
                "owner_name": a.owner_name,
                "owner_organisation": a.owner_organisation,
                "due": a.due.isoformat(),
                "review_date": _plain(getattr(a.review, "held_on", None)),
            }
            for a in actions
        ],
        "communication_needs": {
            "notes": person.communication_needs,
            "easy_read": bool(needs and needs.easy_read),
            "large_print": bool(needs and needs.large_print),
            "interpreter": needs.interpreter if needs else "",
            "preferred_method": needs.preferred_method if needs else "",
        },
    }


def as_json(document: dict) -> bytes:
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


# ------------------------------------------------------------------------------------------------ reading


class PackageError(ValueError):
    """Why an uploaded file is not a transfer package, in plain words (one reason a line)."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def _where(path) -> str:
    """A place in the document in words: "person › date_of_birth", "timeline item 3 › date"."""
    words = []
    for part in path:
        if isinstance(part, int):
            words[-1:] = [f"{words[-1] if words else 'item'} item {part + 1}"]
        else:
            words.append(str(part))
    return " › ".join(words) or "the file"


def schema_problems(document) -> list[str]:
    import jsonschema_rs

    validator = jsonschema_rs.validator_for(schema(), validate_formats=True)
    found = []
    for error in validator.iter_errors(document):
        found.append(f"{_where(error.instance_path)}: {error.message}")
        if len(found) == MAX_PROBLEMS:
            found.append("and there may be more")
            break
    return found


def read(content: bytes) -> dict:
    """The package in an uploaded file, or PackageError saying every way it is not one."""
    if len(content) > MAX_PACKAGE_BYTES:
        raise PackageError([f"The file must be smaller than {MAX_PACKAGE_BYTES // 1024} KB"])
    try:
        text = content.decode("utf-8-sig")
        document = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageError(["The file is not a transfer package: it is not JSON"]) from None
    if "\x00" in text or "\\u0000" in text:
        raise PackageError(["The file holds a null character, which a register cannot keep"])
    if not isinstance(document, dict) or "schema_version" not in document:
        raise PackageError(["The file is not a transfer package: it has no schema_version"])
    if document["schema_version"] != SCHEMA_VERSION:
        raise PackageError(
            [
                f"The package is of schema version {str(document['schema_version'])[:20]}: this OpenDSR reads "
                f"version {SCHEMA_VERSION}"
            ]
        )
    found = schema_problems(document)
    if found:
        raise PackageError(found)
    return document


# ---------------------------------------------------------------------------------------------- checking


@dataclass
class Check:
    """What importing a package into a register would do, and what stops it."""

    document: dict
    already: Person | None = None  # someone on the register with the same NHS number
    problems: list[str] = field(default_factory=list)

    @property
    def person(self) -> dict:
        return self.document["person"]

    @property
    def name(self) -> str:
        return f"{self.person['given_name']} {self.person['family_name']}"


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def check(document: dict, *, register, today: dt.date) -> Check:
    """Every reason, in plain words, that the package cannot be imported into this register (`register`: the
    people of the receiving ICB). All or nothing: one problem and nothing is written."""
    found = Check(document)
    person = document["person"]
    try:
        person_from(document).full_clean(exclude=["icb", "nhs_number"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = (
                str(Person._meta.get_field(name).verbose_name) if name != NON_FIELD_ERRORS else "The record"
            )
            found.problems += [f"{label[:1].upper()}{label[1:]}: {message}" for message in messages]
    if not nhs_numbers.is_valid(person["nhs_number"]):
        found.problems.append("The NHS number's check digit is wrong")
    born = _date(person["date_of_birth"])
    if born > today:
        found.problems.append("The date of birth is in the future")
    # One record per NHS number on a register, whether or not they are still on it.
    found.already = register.filter(nhs_number=person["nhs_number"]).first()
    if found.already is not None and found.already.status == RegisterStatus.LEFT:
        found.problems.append(
            f"{found.already.full_name} (record {found.already.pk}) has this NHS number and has left your "
            "register: the package cannot be imported as a second record of them"
        )
    elif found.already is not None:
        found.problems.append(
            f"{found.already.full_name} (record {found.already.pk}) is already on your register with this NHS "
            "number: the package cannot be imported while they are"
        )
    for number, event in enumerate(document["timeline"], start=1):
        on = _date(event["date"])
        if on > today:
            found.problems.append(f"Timeline event {number} ({event['type']}) is dated in the future")
        elif on < born:
            found.problems.append(f"Timeline event {number} ({event['type']}) is dated before they were born")
    for number, rating in enumerate(document["ratings"], start=1):
        if _date(rating["decided_on"]) > today:
            found.problems.append(f"Rating {number} is dated in the future")
    for number, consent in enumerate(document["consent"], start=1):
        if _date(consent["date"]) > today:
            found.problems.append(f"Consent record {number} is dated in the future")
    return found


# ------------------------------------------------------------------------------------------------ the PDF


def on(value) -> str:
    """A date in the package, as pages show dates: "4 January 2027"."""
    try:
        return nhs_date(_date(value), empty="Not given")
    except (TypeError, ValueError):
        return "Not given"


def summary_html(document: dict) -> str:
    return render_to_string("records/package_pdf.jinja", {"package": document, "on": on})


def summary_pdf(document: dict) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=summary_html(document)).write_pdf()


def person_from(document: dict) -> Person:
    """The record a package makes, not saved (and with no ICB yet)."""
    values = document["person"]
    person = Person(
        **{name: values.get(name, "") for name in PERSON_FIELDS if name not in ("rating_decided_on",)},
        **{name: value for name, value in values["care"].items() if name in CARE_FIELDS},
        status=values["status"],
        rating_decided_on=_date(values.get("rating_decided_on")),
        communication_needs=document["communication_needs"]["notes"],
    )
    person.date_of_birth = _date(values["date_of_birth"])
    for name in ("care_plan_reviewed_on", "risk_assessment_reviewed_on"):
        setattr(person, name, _date(values["care"].get(name)))
    for name in ("sex", "ethnicity"):  # optional in the package; the register's own default when left out
        if not getattr(person, name):
            setattr(person, name, Person._meta.get_field(name).default)
    return person
