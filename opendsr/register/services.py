"""Writes to the register: one function per thing a user does, each in one transaction, each audited.

Where a record is also a clock event (a rating decision, a consent), the service writes the timeline event with
`source` naming the record, and `record_event` re-derives the person's obligations in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, Q

from opendsr.accounts import audit
from opendsr.policy import age_on, band, dates, score, validate_instrument
from opendsr.policy.instruments import describe_problem
from opendsr.register import consent_rules, edit_conflicts, nhs_numbers, obligations, queries
from opendsr.register.models import (
    Carer,
    ConsentKind,
    ConsentRecord,
    ConsentScope,
    DecidedRating,
    ExitReason,
    GivenBy,
    InstrumentVersion,
    OutcomeCommunication,
    Person,
    RatingDecision,
    RegisterExit,
    RegisterStatus,
    TimelineEvent,
    ToldBy,
)
from opendsr.register.timeline import record_event
from opendsr.web.today import today as default_today
from opendsr.web.validators import has_line_break

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
# Ratings that put a person on the register (s4, Table 1); blue is set while they are an inpatient.
ON_REGISTER_RATINGS = frozenset(
    {DecidedRating.RED, DecidedRating.AMBER, DecidedRating.GREEN, DecidedRating.BLUE}
)
# Ratings the policy clock reads as a `stratified` event (blue follows from an admission, not a decision).
CLOCK_RATINGS = frozenset(
    {DecidedRating.RED, DecidedRating.AMBER, DecidedRating.GREEN, DecidedRating.NOT_ELIGIBLE}
)


def _audit(by, action: str, *, person=None, summary: str = "", detail=None, request=None):
    audit.record(request or by, action, person=person, summary=summary, detail=detail)


def _not_in_future(value: dt.date | None, field: str, label: str) -> None:
    if value is not None and value > default_today():
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
        today=default_today(),
        born=born if born is not None else getattr(person, "date_of_birth", None),
        after=after,
        after_what=after_what,
        planned=planned,
    )
    if problem:
        raise ValidationError({field: problem})


def _check_date_of_birth(born: dt.date | None, person: Person | None = None) -> None:
    """From 1900, in the past, and (for someone already on the register) not after anything on their record."""
    problem = dates.date_of_birth_problem(born, today=default_today())
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
    _audit(by, "person.created", person=person, summary=f"Added {person.full_name}", request=request)
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
        _audit(
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
        _audit(
            by,
            "person.duplicate_check",
            summary=f"Looked for people already on the register while {page}: none matched",
            detail={"where": where, "matched": 0},
            request=request,
        )
    return found


def _as_loaded(record, version: int, names) -> dict | None:
    """The fields of a record as they were at a version, from its history (None when not known)."""
    then = record.history.filter(version=version).order_by("-history_date", "-history_id").first()
    return {name: getattr(then, name) for name in names} if then is not None else None


def _check_version(model, record, version: int | None, changes: dict) -> dict:
    """Lock the record; when it has moved on since the form was loaded at `version`, merge the changes with
    what is saved now, or raise `EditConflict` when both sides changed the same field differently."""
    saved = model.objects.select_for_update().get(pk=record.pk)
    record.refresh_from_db()  # what is saved now, under the lock, so that the save below undoes nothing
    if version is None or saved.version == version:
        return changes
    merged, conflicts = edit_conflicts.merge(
        original=_as_loaded(saved, version, changes),
        mine=changes,
        saved={name: getattr(saved, name) for name in changes},
    )
    if conflicts:
        raise edit_conflicts.EditConflict(conflicts=conflicts, merged=merged, version=saved.version)
    return merged


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
    _audit(
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
    changes = _check_version(Person, person, version, changes)
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
    _audit(
        by,
        "person.updated",
        person=person,
        summary=f"Changed {', '.join(name.replace('_', ' ') for name in changed)}",
        detail={"fields": changed},
        request=request,
    )
    return changed


# ---------------------------------------------------------------------------------------------- carers


def _sync_unpaid_carer(person: Person) -> None:
    has_carer = person.carers.filter(active=True).exists()
    if person.has_unpaid_carer != has_carer:
        person.has_unpaid_carer = has_carer
        person.save(update_fields=["has_unpaid_carer", "updated_at"])
        obligations.refresh_for(person)  # carer contingency planning depends on it (s9.5)


CARER_FIELDS = frozenset(
    {
        "name",
        "relationship",
        "contact",
        "assessment_offered",
        "assessment_offered_on",
        "contingency_plan",
        "active",
    }
)


@transaction.atomic
def add_carer(*, person: Person, by, request=None, **fields) -> Carer:
    unknown = set(fields) - CARER_FIELDS
    if unknown:
        raise TypeError(f"not a carer field: {', '.join(sorted(unknown))}")
    if not (fields.get("name") or "").strip():
        raise ValidationError({"name": "Enter the carer's name"})
    carer = Carer.objects.create(person=person, **fields)
    _sync_unpaid_carer(person)
    _audit(by, "carer.added", person=person, summary=f"Added carer {carer.name}", request=request)
    return carer


@transaction.atomic
def update_carer(*, carer: Carer, by, version: int | None = None, request=None, **changes) -> list[str]:
    """Change a carer's details; `version` as for `update_person`."""
    unknown = set(changes) - CARER_FIELDS
    if unknown:
        raise TypeError(f"not a carer field: {', '.join(sorted(unknown))}")
    if "name" in changes and not (changes["name"] or "").strip():
        raise ValidationError({"name": "Enter the carer's name"})
    changes = _check_version(Carer, carer, version, changes)
    changed = [name for name, value in changes.items() if getattr(carer, name) != value]
    for name in changed:
        setattr(carer, name, changes[name])
    if not changed:
        return []
    carer.version += 1
    carer.save()
    _sync_unpaid_carer(carer.person)
    _audit(
        by,
        "carer.updated",
        person=carer.person,
        summary=f"Changed carer {carer.name}",
        detail={"fields": changed},
        request=request,
    )
    return changed


# ------------------------------------------------------------------------------------------ instruments


def saved_instrument(instrument: InstrumentVersion) -> InstrumentVersion:
    """The stored row for an instrument: the shipped defaults are stored the first time they are used."""
    if instrument.pk is not None:
        return instrument
    stored, _ = InstrumentVersion.objects.get_or_create(
        icb=instrument.icb,
        slug=instrument.slug,
        version=instrument.version,
        defaults={
            "name": instrument.name,
            "population": instrument.population,
            "data": instrument.data,
            "active": instrument.active,
        },
    )
    return stored


@transaction.atomic
def add_instrument_version(*, icb, by, data, request=None) -> InstrumentVersion:
    """A new version of an instrument for one ICB. It becomes the active one for its population; older
    versions stay, so earlier decisions keep the version they were scored with."""
    problems = validate_instrument(data)
    if problems:
        raise ValidationError({"data": [describe_problem(problem) for problem in problems]})
    slug = str(data["slug"])
    latest = InstrumentVersion.objects.filter(Q(icb=icb) | Q(icb__isnull=True), slug=slug).aggregate(
        Max("version")
    )["version__max"]
    for previous in InstrumentVersion.objects.filter(icb=icb, population=data["population"], active=True):
        previous.active = False
        previous.save(update_fields=["active"])  # one save each, so each version's history keeps the change
    instrument = InstrumentVersion.objects.create(
        icb=icb,
        slug=slug,
        name=str(data["name"])[:200],
        version=(latest or 0) + 1,
        population=data["population"],
        data=data,
        created_by=by,
        active=True,
    )
    _audit(
        by,
        "instrument.added",
        summary=f"Added {instrument.name} version {instrument.version}",
        detail={"instrument": instrument.pk},
        request=request,
    )
    return instrument


# ------------------------------------------------------------------------------------ risk stratification


@transaction.atomic
def record_rating(
    *,
    person: Person,
    by,
    rating: str,
    decided_on: dt.date,
    rationale: str,
    person_view: str = "",
    family_view: str = "",
    professional_judgement: str = "",
    instrument: InstrumentVersion | None = None,
    answers: dict | None = None,
    shared_with_person: bool = False,
    shared_with_referrer: bool = False,
    referral_id: int | None = None,
    request=None,
) -> RatingDecision:
    """Record a stratification decision (s4). The instrument's score suggests a rating; the professional
    decides, and explains when their decision differs from the suggestion."""
    if rating not in DecidedRating.values:
        raise ValidationError({"rating": "Choose a rating"})
    check_date(decided_on, field="decided_on", subject="The date of the decision", person=person)
    total = suggested = None
    answers = dict(answers or {})
    if instrument is not None:
        instrument = saved_instrument(instrument)
        try:
            total = score(instrument.data, answers)
            suggested = band(instrument.data, total)
        except ValueError as error:
            raise ValidationError(
                {"answers": f"Answer every question in the instrument ({error})"}
            ) from error
    if suggested and suggested != rating:
        missing = {}
        if not (professional_judgement or "").strip():
            missing["professional_judgement"] = "Give your professional judgement of the risk"
        if not (rationale or "").strip():
            missing["rationale"] = "Explain why your rating is different from the rating the score suggests"
        if missing:
            raise ValidationError(missing)
    decision = RatingDecision.objects.create(
        person=person,
        rating=rating,
        decided_on=decided_on,
        decided_by=by,
        person_view=person_view,
        family_view=family_view,
        instrument=instrument,
        answers=answers,
        score=total,
        suggested_rating=suggested or "",
        professional_judgement=professional_judgement,
        rationale=rationale or "",
        shared_with_person=shared_with_person,
        shared_with_referrer=shared_with_referrer,
        referral_id=referral_id,
    )
    latest = person.rating_decided_on is None or decided_on >= person.rating_decided_on
    if rating in ON_REGISTER_RATINGS and latest:
        person.current_rating = rating
        person.rating_decided_on = decided_on
        person.status = RegisterStatus.ACTIVE
        person.save(update_fields=["current_rating", "rating_decided_on", "status", "updated_at"])
    if rating in CLOCK_RATINGS:
        record_event(
            person=person,
            type="stratified",
            date=decided_on,
            by=by,
            data={"rating": rating},
            source=f"rating:{decision.pk}",
        )
    _audit(
        by,
        "rating.recorded",
        person=person,
        summary=f"Rated {decision.get_rating_display().lower()}"
        + (f" (score {total}, suggested {suggested})" if total is not None else ""),
        detail={"rating": rating, "score": total, "suggested": suggested, "decision": decision.pk},
        request=request,
    )
    return decision


@transaction.atomic
def record_outcome_told(
    *,
    decision: RatingDecision,
    by,
    method: str,
    told_on: dt.date,
    told_person: bool,
    told_referrer: bool,
    who: str = "",
    notes: str = "",
    request=None,
) -> OutcomeCommunication:
    """The person and the referrer were told a rating decision, by letter, email or phone (s4; 000 Part 1:
    within 24 hours). This is the clock's `outcome_communicated`, which meets the obligation the decision
    raised. A phone call names who was spoken to."""
    problems = {}
    if method not in ToldBy.values:
        problems["method"] = "Choose how you told them"
    if told_on is None:
        problems["told_on"] = "Enter the date you told them"
    elif told_on > default_today():
        problems["told_on"] = "The date you told them must be today or in the past"
    elif told_on < decision.decided_on:
        problems["told_on"] = "The date you told them cannot be before the rating was decided"
    if not (told_person or told_referrer):
        problems["told_whom"] = "Choose who you told"
    who = (who or "").strip()
    if method == ToldBy.PHONE and not who:
        problems["who"] = "Enter who you spoke to on the phone"
    elif has_line_break(who):
        problems["who"] = "Who you told must be on one line"
    elif len(who) > 300:
        problems["who"] = "Who you told must be 300 characters or fewer"
    if problems:
        raise ValidationError(problems)
    told = OutcomeCommunication.objects.create(
        person=decision.person,
        decision=decision,
        method=method,
        told_on=told_on,
        told_person=bool(told_person),
        told_referrer=bool(told_referrer),
        who=who,
        notes=(notes or "").strip(),
        recorded_by=by,
    )
    decision.shared_with_person = decision.shared_with_person or bool(told_person)
    decision.shared_with_referrer = decision.shared_with_referrer or bool(told_referrer)
    decision.save(update_fields=["shared_with_person", "shared_with_referrer"])
    record_event(
        person=decision.person,
        type="outcome_communicated",
        date=told_on,
        by=by,
        source=f"outcome-told:{told.pk}",
        notes=f"{told.get_method_display()}" + (f": {who}" if who else ""),
    )
    _audit(
        by,
        "rating.outcome_told",
        person=decision.person,
        summary=f"Told the {decision.get_rating_display().lower()} rating by {told.get_method_display().lower()}",
        detail={"decision": decision.pk, "method": method, "told": told.pk},
        request=request,
    )
    return told


# ------------------------------------------------------------------------------------------------ consent


def _first_consent_given(person: Person) -> dt.date | None:
    """The date consent was first given: a check or a withdrawal cannot come before it."""
    return (
        ConsentRecord.objects.filter(person=person, kind=ConsentKind.GIVEN)
        .aggregate(first=Min("date"))
        .get("first")
    )


def consent_rule_for(person: Person, on: dt.date | None = None) -> consent_rules.ConsentRule:
    """The consent rule that applies to this person on a date, under their ICB's setting."""
    on = on or default_today()
    return consent_rules.rule_for(person.icb.consent_age_rule, age_on(person.date_of_birth, on))


@transaction.atomic
def record_consent(
    *,
    person: Person,
    by,
    scope,
    given_by: str,
    given_on: dt.date,
    capacity_notes: str = "",
    best_interests_record: str = "",
    notes: str = "",
    request=None,
) -> ConsentRecord:
    """Consent given (s2.4). Who may give it depends on the person's age and the ICB's consent rule."""
    scopes = [scope] if isinstance(scope, str) else list(scope or ())
    if not scopes or set(scopes) - set(ConsentScope.values):
        raise ValidationError({"scope": "Choose what they consented to"})
    if given_by not in GivenBy.values:
        raise ValidationError({"given_by": "Choose who gave consent"})
    check_date(given_on, field="given_on", subject="The date consent was given", person=person)
    problems = consent_rules.problems(
        person.icb.consent_age_rule,
        age_on(person.date_of_birth, given_on),
        given_by=given_by,
        capacity_notes=capacity_notes or "",
        best_interests_record=best_interests_record or "",
    )
    if problems:
        raise ValidationError(problems)
    record = ConsentRecord.objects.create(
        person=person,
        kind=ConsentKind.GIVEN,
        scopes=scopes,
        given_by=given_by,
        date=given_on,
        capacity_notes=capacity_notes or "",
        best_interests_record=best_interests_record or "",
        notes=notes or "",
        recorded_by=by,
    )
    if ConsentScope.INCLUSION in scopes:  # the clock's consent is consent to be on the register
        record_event(person=person, type="consent_given", date=given_on, by=by, source=f"consent:{record.pk}")
    _audit(
        by,
        "consent.given",
        person=person,
        summary=f"Consent given by {record.get_given_by_display().lower()}",
        detail={"scopes": scopes, "consent": record.pk},
        request=request,
    )
    return record


@transaction.atomic
def record_consent_check(
    *, person: Person, by, checked_on: dt.date, notes: str = "", request=None
) -> ConsentRecord:
    """Consent re-checked with the person: they still agree to be on the register (s2.4)."""
    check_date(
        checked_on,
        field="checked_on",
        subject="The date consent was checked",
        person=person,
        after=_first_consent_given(person),
        after_what="consent was given",
    )
    record = ConsentRecord.objects.create(
        person=person, kind=ConsentKind.CHECKED, date=checked_on, notes=notes or "", recorded_by=by
    )
    record_event(person=person, type="consent_checked", date=checked_on, by=by, source=f"consent:{record.pk}")
    _audit(by, "consent.checked", person=person, summary="Consent checked", request=request)
    return record


@transaction.atomic
def withdraw_consent(
    *, person: Person, by, withdrawn_on: dt.date, notes: str = "", scope=None, request=None
) -> ConsentRecord:
    """The person (or whoever consents for them) withdrew consent."""
    check_date(
        withdrawn_on,
        field="withdrawn_on",
        subject="The date consent was withdrawn",
        person=person,
        after=_first_consent_given(person),
        after_what="consent was given",
    )
    scopes = [scope] if isinstance(scope, str) else list(scope or [ConsentScope.INCLUSION])
    record = ConsentRecord.objects.create(
        person=person,
        kind=ConsentKind.WITHDRAWN,
        scopes=scopes,
        date=withdrawn_on,
        notes=notes or "",
        recorded_by=by,
    )
    if ConsentScope.INCLUSION in scopes:
        record_event(
            person=person, type="consent_withdrawn", date=withdrawn_on, by=by, source=f"consent:{record.pk}"
        )
    _audit(by, "consent.withdrawn", person=person, summary="Consent withdrawn", request=request)
    return record


@transaction.atomic
def record_consent_refused(
    *,
    person: Person,
    by,
    reasons: str,
    alternative_offered: str = "",
    revisit_on: dt.date | None = None,
    refused_on: dt.date | None = None,
    request=None,
) -> ConsentRecord:
    """Consent was not given (s2.4.3): why, what was offered instead (a C(E)TR can still be had), and when to
    ask again. Not a clock event; it shows on the person's record."""
    if not (reasons or "").strip():
        raise ValidationError({"reasons": "Say why consent was not given"})
    refused_on = refused_on or default_today()
    _not_in_future(refused_on, "refused_on", "The date")
    if revisit_on is not None and revisit_on < refused_on:
        raise ValidationError({"revisit_on": "The date to ask again must be after consent was refused"})
    check_date(revisit_on, field="revisit_on", subject="The date to ask again", planned=True)
    record = ConsentRecord.objects.create(
        person=person,
        kind=ConsentKind.REFUSED,
        date=refused_on,
        reasons=reasons,
        alternative_offered=alternative_offered or "",
        revisit_on=revisit_on,
        recorded_by=by,
    )
    _audit(by, "consent.refused", person=person, summary="Consent not given", request=request)
    return record


# ------------------------------------------------------------------------------------ leaving the register


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
    _audit(
        by,
        "person.left_register",
        person=person,
        summary=f"Left the register: {exit_record.get_reason_display().lower()}",
        detail={"reason": reason},
        request=request,
    )
    return exit_record
