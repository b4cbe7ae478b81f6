"""Writes about a person and their details: adding them, checking for someone already on the register, changing their details."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min

from opendsr.policy import dates
from opendsr.register import nhs_numbers, obligations, queries
from opendsr.register.models import (
    Person,
    RegisterStatus,
    TimelineEvent,
)
from opendsr.register.services.common import check_date, check_version, record_audit
from opendsr.web.today import today as get_today

# Facts the policy clock reads: a change to one re-derives the person's obligations.
CLOCK_FACTS = frozenset(
    {"date_of_birth", "has_ehcp", "in_cyp_tier4", "moj_restricted", "has_unpaid_carer", "known_to_keyworker"}
)
# Fields a user may set on a person through `create_person` and `update_person`.
PERSON_FIELDS = frozenset(
    f.name
    for f in Person._meta.concrete_fields
    if f.name
    not in {"id", "icb", "created_at", "updated_at", "current_rating", "rating_decided_on", "version"}
)


def _check_date_of_birth(born: dt.date | None, person: Person | None = None) -> None:
    """From 1900, in the past, and (for someone already on the register) not after anything on their record."""
    problem = dates.date_of_birth_problem(born, today=get_today())
    if problem is None and born is not None and person is not None and person.pk:
        first = (
            TimelineEvent.objects.filter(person=person, voided_at__isnull=True)
            .aggregate(first=Min("date"))
            .get("first")
        )
        if first is not None and born > first:
            problem = (
                f"Date of birth must be the same as or before {dates.long_date(first)}, "
                "the earliest date on their record"
            )
    if problem:
        raise ValidationError({"date_of_birth": problem})


def _check_person_dates(fields: dict, person: Person | None = None) -> None:
    born = fields["date_of_birth"] if "date_of_birth" in fields else getattr(person, "date_of_birth", None)
    if "date_of_birth" in fields:
        _check_date_of_birth(born, person)
    for field, subject in (
        ("care_plan_reviewed_on", "The date the care plan was last reviewed"),
        ("risk_assessment_reviewed_on", "The date the risk assessment was last reviewed"),
    ):
        if fields.get(field) is not None:
            check_date(fields[field], field=field, subject=subject, born=born)


# ------------------------------------------------------------------------------------------------ people


def _check_nhs_number(icb, nhs_number: str, *, exclude_pk: int | None = None) -> str:
    digits = nhs_numbers.normalise(nhs_number)
    if not digits:
        return ""
    if not nhs_numbers.is_valid(digits):
        raise ValidationError({"nhs_number": "Enter a valid 10-digit NHS number"})
    clash = Person.objects.filter(icb=icb, nhs_number=digits)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"nhs_number": "Someone with this NHS number is already on your register"})
    return digits


def _check_owner(icb, team, case_manager) -> None:
    """A person's team and case manager are of their own ICB, and a case manager in a team is in theirs."""
    if team is not None and team.icb_id != icb.pk:
        raise ValidationError({"team": "Choose one of your ICB's teams"})
    if case_manager is not None:
        if case_manager.icb_id != icb.pk:
            raise ValidationError({"case_manager": "Choose someone in your ICB"})
        if team is not None and case_manager.team_id not in (None, team.pk):
            raise ValidationError(
                {
                    "case_manager": f"{case_manager.display_name} is not in {team.name}: choose someone in that team"
                }
            )


def _check_fields(fields: dict) -> None:
    unknown = sorted(set(fields) - PERSON_FIELDS)
    if unknown:
        raise TypeError(f"not a field a user may set on a person: {', '.join(unknown)}")


@transaction.atomic
def create_person(*, icb, by, team=None, request=None, **fields) -> Person:
    """Add a person to an ICB's register (as referred, unless a status is given)."""
    _check_fields(fields)
    fields["nhs_number"] = _check_nhs_number(icb, fields.get("nhs_number", ""))
    _check_person_dates(fields)
    fields.setdefault("status", RegisterStatus.REFERRED)
    _check_owner(icb, team, fields.get("case_manager"))
    person = Person(icb=icb, team=team, **fields)
    person.full_clean(exclude=["nhs_number"])
    person.save()
    obligations.refresh_for(person)
    record_audit(by, "person.created", person=person, summary=f"Added {person.full_name}", request=request)
    return person


@transaction.atomic
def check_for_duplicates(*, by, where: str, request=None, **details) -> queries.PossibleDuplicates:
    """Look for people already on the register before adding someone (`where`: "register" or "referral"),
    and audit the look-up: against each person matched (whether the user was shown them or only told that
    another team knows them), or once when nobody matched."""
    found = queries.possible_duplicates(by, **details)
    shown = {p.pk for p in found.yours}
    page = {"register": "adding a person", "referral": "recording a referral"}.get(where, where)
    for person in found.matched:
        record_audit(
            by,
            "person.duplicate_check",
            person=person,
            summary=(
                f"Matched while {page}: shown to them"
                if person.pk in shown
                else f"Matched while {page}: told only that another team knows them"
            ),
            detail={"where": where, "shown": person.pk in shown},
            request=request,
        )
    if not found.matched:
        record_audit(
            by,
            "person.duplicate_check",
            summary=f"Looked for people already on the register while {page}: none matched",
            detail={"where": where, "matched": 0},
            request=request,
        )
    return found


@transaction.atomic
def allocate(*, person: Person, by, team, case_manager=None, request=None) -> Person:
    """Give a person a team, and a case manager if one is chosen, so that their care has owners and they
    appear on a caseload."""
    if team is None:
        raise ValidationError({"team": "Choose the team that looks after them"})
    _check_owner(person.icb, team, case_manager)
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.team, person.case_manager = team, case_manager
    person.version += 1
    person.save(update_fields=["team", "case_manager", "version", "updated_at"])
    record_audit(
        by,
        "person.allocated",
        person=person,
        summary=f"Allocated to {team.name}"
        + (f", case manager {case_manager.display_name}" if case_manager else ""),
        detail={"team": team.pk, "case_manager": getattr(case_manager, "pk", None)},
        request=request,
    )
    return person


@transaction.atomic
def update_person(*, person: Person, by, version: int | None = None, request=None, **changes) -> list[str]:
    """Change a person's details; returns the names of the fields that changed.

    `version` is the version the user's form was loaded with: if someone else has changed the record since,
    their changes are kept, and fields both changed differently raise `EditConflict` for the user to decide."""
    _check_fields(changes)
    if "nhs_number" in changes:
        changes["nhs_number"] = _check_nhs_number(person.icb, changes["nhs_number"], exclude_pk=person.pk)
    _check_person_dates(changes, person)
    changes = check_version(Person, person, version, changes)
    changed = []
    for name, value in changes.items():
        if name == "team":
            if getattr(person, "team_id", None) != (value.pk if value else None):
                changed.append(name)
        elif getattr(person, name) != value:
            changed.append(name)
        setattr(person, name, value)
    if not changed:
        return []
    person.full_clean(exclude=["nhs_number"])
    person.version += 1
    person.save()
    if CLOCK_FACTS & set(changed):
        obligations.refresh_for(person)
    record_audit(
        by,
        "person.updated",
        person=person,
        summary=f"Changed {', '.join(name.replace('_', ' ') for name in changed)}",
        detail={"fields": changed},
        request=request,
    )
    return changed


# ---------------------------------------------------------------------------------------------- carers
