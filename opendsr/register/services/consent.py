"""Writes about a person's consent to be on the register: given, checked, withdrawn or refused."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min

from opendsr.policy import GivenBy as ClockGivenBy
from opendsr.policy import age_on
from opendsr.register import consent_rules
from opendsr.register.models import (
    ConsentKind,
    ConsentRecord,
    ConsentScope,
    ExitReason,
    GivenBy,
    Person,
    RegisterStatus,
)
from opendsr.register.queries import latest_given_by
from opendsr.register.services.common import check_date, not_in_future, record_audit
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.timeline import record_event
from opendsr.web.today import today as get_today


def _first_consent_given(person: Person) -> dt.date | None:
    """The date consent was first given: a check or a withdrawal cannot come before it."""
    return (
        ConsentRecord.objects.filter(person=person, kind=ConsentKind.GIVEN)
        .aggregate(first=Min("date"))
        .get("first")
    )


def clock_given_by(given_by: str) -> str:
    """Who gave consent as the clock reads it (`given_by` on `consent_given` / `consent_checked`): the person,
    or someone else for them (parental responsibility, an attorney, a deputy or a best interests decision)."""
    return ClockGivenBy.PERSON if given_by == GivenBy.PERSON else ClockGivenBy.OTHER


def consent_rule_for(person: Person, on: dt.date | None = None) -> consent_rules.ConsentRule:
    """The consent rule that applies to this person on a date, under their ICB's setting."""
    on = on or get_today()
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
        record_event(
            person=person,
            type="consent_given",
            date=given_on,
            by=by,
            data={"given_by": clock_given_by(given_by)},
            source=f"consent:{record.pk}",
        )
    record_audit(
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
    *, person: Person, by, checked_on: dt.date, given_by: str = "", notes: str = "", request=None
) -> ConsentRecord:
    """Consent re-checked: the person (or whoever consents for them) still agrees to be on the register (s2.4).
    Who confirmed it matters to the clock: consent given by someone else is asked again of the person from the
    ICB's self-consent age. Left out, it is whoever gave the consent being checked."""
    check_date(
        checked_on,
        field="checked_on",
        subject="The date consent was checked",
        person=person,
        after=_first_consent_given(person),
        after_what="consent was given",
    )
    if given_by:
        if given_by not in GivenBy.values:
            raise ValidationError({"given_by": "Choose who confirmed they still agree"})
        if given_by not in consent_rule_for(person, checked_on).allowed:
            raise ValidationError(
                {"given_by": "Under the consent rule for their age, consent cannot come from who you chose"}
            )
    else:
        given_by = latest_given_by(person, checked_on)
    record = ConsentRecord.objects.create(
        person=person,
        kind=ConsentKind.CHECKED,
        date=checked_on,
        given_by=given_by,
        notes=notes or "",
        recorded_by=by,
    )
    record_event(
        person=person,
        type="consent_checked",
        date=checked_on,
        by=by,
        data={"given_by": clock_given_by(given_by)},
        source=f"consent:{record.pk}",
    )
    record_audit(by, "consent.checked", person=person, summary="Consent checked", request=request)
    return record


def consent_in_force(person: Person, on: dt.date | None = None) -> bool:
    """Whether consent to be on the register (given by the person, by someone entitled to, or as a recorded
    best-interests decision under the Mental Capacity Act 2005) stands on this date: the latest of its given and
    withdrawn events on the timeline is a giving (s2.4)."""
    events = person.timeline.filter(type__in=["consent_given", "consent_withdrawn"], voided_at__isnull=True)
    if on is not None:
        events = events.filter(date__lte=on)
    latest = events.order_by("-date", "-pk").first()
    return latest is not None and latest.type == "consent_given"


# What happens after consent to be on the register is withdrawn (s2.4): they leave the register, or the record is
# kept on another lawful basis, which is written down.
LEAVE, KEEP = "leave", "keep"


@transaction.atomic
def withdraw_consent(
    *,
    person: Person,
    by,
    withdrawn_on: dt.date,
    notes: str = "",
    scope=None,
    next_step: str | None = None,
    lawful_basis: str = "",
    request=None,
) -> ConsentRecord:
    """The person (or whoever consents for them) withdrew consent. The withdrawal ends what depends on consent
    (the clock's yearly recheck). Asked what happens next (`next_step`), they leave the register with the reason
    "consent withdrawn", or the record is kept with the lawful basis for keeping it."""
    check_date(
        withdrawn_on,
        field="withdrawn_on",
        subject="The date consent was withdrawn",
        person=person,
        after=_first_consent_given(person),
        after_what="consent was given",
    )
    lawful_basis = (lawful_basis or "").strip()
    if next_step is not None:
        if next_step not in (LEAVE, KEEP):
            raise ValidationError({"next_step": "Choose what happens next"})
        if next_step == LEAVE and person.status == RegisterStatus.LEFT:
            raise ValidationError({"next_step": "They have already left the register"})
        if next_step == KEEP and not lawful_basis:
            raise ValidationError({"lawful_basis": "Enter the lawful basis for keeping the record"})
    scopes = [scope] if isinstance(scope, str) else list(scope or [ConsentScope.INCLUSION])
    record = ConsentRecord.objects.create(
        person=person,
        kind=ConsentKind.WITHDRAWN,
        scopes=scopes,
        date=withdrawn_on,
        notes=notes or "",
        reasons=f"Record kept on a lawful basis: {lawful_basis}" if next_step == KEEP else "",
        recorded_by=by,
    )
    if ConsentScope.INCLUSION in scopes:
        record_event(
            person=person, type="consent_withdrawn", date=withdrawn_on, by=by, source=f"consent:{record.pk}"
        )
    record_audit(by, "consent.withdrawn", person=person, summary="Consent withdrawn", request=request)
    if next_step == LEAVE:
        person.refresh_from_db()
        remove_from_register(
            person=person,
            by=by,
            reason=ExitReason.CONSENT_WITHDRAWN,
            left_on=withdrawn_on,
            notes=notes or "",
            request=request,
        )
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
    refused_on = refused_on or get_today()
    not_in_future(refused_on, "refused_on", "The date")
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
    record_audit(by, "consent.refused", person=person, summary="Consent not given", request=request)
    return record


# ------------------------------------------------------------------------------------ leaving the register
