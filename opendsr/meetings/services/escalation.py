"""Writes for escalation to named senior managers (001 s4; s20.3): the managers and the DSR lead's rules,
raising an escalation, acknowledging it, recording what was done and closing it, and moving it up a level when
nobody acknowledges it in time."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action
from opendsr.accounts.models import Organisation, OrganisationKind
from opendsr.meetings.models import (
    DsrMeetingItem,
    Escalation,
    EscalationRule,
    EscalationStatus,
    EscalationStep,
    ManagerLine,
    RuleKind,
    SeniorManager,
)
from opendsr.policy import add_working_days
from opendsr.register.models import Person
from opendsr.web.today import today as get_today

# An escalation raised at a meeting is acknowledged within this many working days (the rules set their own).
MEETING_ACKNOWLEDGE_WITHIN = 2
MOST_WORKING_DAYS = 20
MOST_DAYS = 730


def _audit(by, action, *, summary, person=None, detail=None, request=None):
    audit.record(request or by, action, person=person, summary=summary, detail=detail)


def _text(value) -> str:
    return (value or "").strip()


# --------------------------------------------------------------------------------- managers and rules


@transaction.atomic
def save_manager(
    *,
    icb: Organisation,
    by,
    manager: SeniorManager | None = None,
    user,
    organisation: Organisation,
    level: int,
    title: str,
    urgent_only: bool = False,
    active: bool = True,
    request=None,
) -> SeniorManager:
    problems = {}
    if user is None or user.icb_id != icb.pk:
        problems["user"] = "Choose someone who works on this ICB's register"
    elif not access.allowed(user, Action.VIEW_ESCALATIONS):
        problems["user"] = (
            "Choose someone whose role lets them see escalations (not a panel member or analyst)"
        )
    if (
        organisation is None
        or organisation.home_icb != icb
        or organisation.pk != icb.pk
        and organisation.kind != OrganisationKind.LOCAL_AUTHORITY
    ):
        problems["organisation"] = "Choose the ICB or one of its local authorities"
    if not level or not 1 <= level <= 5:
        problems["level"] = "The level must be between 1 and 5"
    if not _text(title):
        problems["title"] = "Enter the level's name, for example ‘Head of service’"
    if problems:
        raise ValidationError(problems)
    manager = manager or SeniorManager(icb=icb)
    manager.user, manager.organisation, manager.level = user, organisation, level
    manager.title, manager.urgent_only, manager.active = _text(title), bool(urgent_only), bool(active)
    manager.save()
    _audit(by, "escalation.manager_saved", summary=f"Saved {manager} as a senior manager", request=request)
    return manager


@transaction.atomic
def save_email_choice(*, manager: SeniorManager, by, urgent_only: bool, request=None) -> SeniorManager:
    """A manager's own choice: every escalation by email, or only the urgent ones (the rest wait in the list)."""
    if manager.user_id != by.pk:
        raise PermissionDenied
    manager.urgent_only = bool(urgent_only)
    manager.save(update_fields=["urgent_only"])
    _audit(
        by,
        "escalation.email_choice",
        summary="Only urgent escalations by email" if urgent_only else "Every escalation by email",
        request=request,
    )
    return manager


@transaction.atomic
def save_rule(
    *,
    icb: Organisation,
    by,
    rule: EscalationRule | None = None,
    kind: str,
    days: int | None,
    line: str,
    urgent: bool = False,
    acknowledge_within: int | None,
    active: bool = True,
    request=None,
) -> EscalationRule:
    problems = {}
    if kind not in RuleKind.values:
        problems["kind"] = "Choose what the rule looks for"
    if days is None or not 0 <= days <= MOST_DAYS:
        problems["days"] = f"The number of days must be between 0 and {MOST_DAYS}"
    if line not in ManagerLine.values:
        problems["line"] = "Choose who it goes to"
    if acknowledge_within is None or not 1 <= acknowledge_within <= MOST_WORKING_DAYS:
        problems["acknowledge_within"] = (
            f"The working days to acknowledge must be between 1 and {MOST_WORKING_DAYS}"
        )
    if problems:
        raise ValidationError(problems)
    rule = rule or EscalationRule(icb=icb, created_by=by)
    rule.kind, rule.days, rule.line, rule.urgent = kind, days, line, bool(urgent)
    rule.acknowledge_within, rule.active = acknowledge_within, bool(active)
    rule.save()
    _audit(by, "escalation.rule_saved", summary=f"Saved the escalation rule: {rule}", request=request)
    return rule


# ------------------------------------------------------------------------------------------- raising


def manager_for(*, icb_id: int, line: str, person: Person) -> SeniorManager | None:
    """The first-level manager of the line: the person's local authority's, or the ICB's (also when their local
    authority has named nobody). An escalation moves up within the organisation it first reached."""
    managers = SeniorManager.objects.filter(icb_id=icb_id, active=True).order_by("level", "pk")
    if line == ManagerLine.LOCAL_AUTHORITY and person.local_authority_id:
        found = managers.filter(organisation_id=person.local_authority_id).first()
        if found is not None:
            return found
    return managers.filter(organisation_id=icb_id).first()


def person_link(person: Person) -> str:
    return reverse("register:detail", args=[person.pk])


@transaction.atomic
def raise_escalation(
    *,
    person: Person,
    reason: str,
    link: str,
    line: str = ManagerLine.HEALTH,
    urgent: bool = False,
    acknowledge_within: int = MEETING_ACKNOWLEDGE_WITHIN,
    rule: EscalationRule | None = None,
    meeting_item: DsrMeetingItem | None = None,
    key: str = "",
    by=None,
    today: dt.date | None = None,
) -> Escalation | None:
    """Raise one escalation to the first manager of the line. None when the ICB has named nobody."""
    today = today or get_today()
    manager = manager_for(icb_id=person.icb_id, line=line, person=person)
    if manager is None:
        return None
    escalation = Escalation.objects.create(
        icb_id=person.icb_id,
        person=person,
        rule=rule,
        meeting_item=meeting_item,
        key=key,
        reason=reason,
        link=link,
        line=line,
        manager=manager,
        level=manager.level,
        urgent=urgent,
        raised_on=today,
        with_manager_since=today,
        acknowledge_by=add_working_days(today, acknowledge_within),
        raised_by=by,
    )
    EscalationStep.objects.create(
        escalation=escalation, on=today, manager=manager, level=manager.level, why="Raised"
    )
    audit.record(by, "escalation.raised", person=person, summary=f"Escalated to {manager}: {reason[:200]}")
    return escalation


def raise_from_meeting(*, item: DsrMeetingItem, by, reason: str, urgent: bool) -> Escalation:
    escalation = raise_escalation(
        person=item.person,
        reason=f"Escalated by the DSR meeting on {item.meeting.date:%-d %B %Y}: {reason}",
        link=person_link(item.person),
        urgent=urgent,
        meeting_item=item,
        key=f"meeting_item:{item.pk}",
        by=by,
    )
    if escalation is None:
        raise ValidationError(
            {
                "escalate": "No senior manager is named for this ICB yet: ask the DSR lead to add one, then escalate"
            }
        )
    return escalation


# --------------------------------------------------------------------------------- the manager's side


def may_act_on(user, escalation: Escalation) -> bool:
    """The manager it is with, or the DSR lead (who sees every escalation of the ICB)."""
    return escalation.manager.user_id == user.pk or access.allowed(user, Action.MANAGE_SETTINGS)


@transaction.atomic
def acknowledge(*, escalation: Escalation, by, request=None) -> Escalation:
    if not may_act_on(by, escalation):
        raise PermissionDenied
    if escalation.status != EscalationStatus.OPEN:
        raise ValidationError("This escalation has already been acknowledged")
    escalation.status = EscalationStatus.ACKNOWLEDGED
    escalation.acknowledged_on, escalation.acknowledged_by = get_today(), by
    escalation.save()
    _audit(
        by,
        "escalation.acknowledged",
        person=escalation.person,
        summary=f"Acknowledged: {escalation.reason[:200]}",
        request=request,
    )
    return escalation


@transaction.atomic
def record_progress(
    *, escalation: Escalation, by, action_taken: str, close: bool = False, request=None
) -> Escalation:
    if not may_act_on(by, escalation):
        raise PermissionDenied
    if escalation.status == EscalationStatus.CLOSED:
        raise ValidationError("This escalation is closed")
    action_taken = _text(action_taken)
    if not action_taken:
        raise ValidationError({"action_taken": "Enter what was done"})
    if escalation.status == EscalationStatus.OPEN:
        escalation.acknowledged_on, escalation.acknowledged_by = get_today(), by
        escalation.status = EscalationStatus.ACKNOWLEDGED
    escalation.action_taken = action_taken
    if close:
        escalation.status = EscalationStatus.CLOSED
        escalation.closed_on, escalation.closed_by = get_today(), by
    escalation.save()
    _audit(
        by,
        "escalation.closed" if close else "escalation.updated",
        person=escalation.person,
        summary=("Closed" if close else "Recorded what was done") + f": {action_taken[:200]}",
        request=request,
    )
    return escalation


@transaction.atomic
def move_up(*, escalation: Escalation, today: dt.date) -> bool:
    """Not acknowledged in time: it goes to the next level of the line. False when nobody is above."""
    higher = (
        SeniorManager.objects.filter(
            organisation_id=escalation.manager.organisation_id, active=True, level__gt=escalation.level
        )
        .order_by("level", "pk")
        .first()
    )
    if higher is None:
        return False
    within = escalation.rule.acknowledge_within if escalation.rule_id else MEETING_ACKNOWLEDGE_WITHIN
    why = f"Not acknowledged by {escalation.acknowledge_by:%-d %B %Y}"
    escalation.manager, escalation.level = higher, higher.level
    escalation.with_manager_since = today
    escalation.acknowledge_by = add_working_days(today, within)
    escalation.emailed_at = None
    escalation.save()
    EscalationStep.objects.create(
        escalation=escalation, on=today, manager=higher, level=higher.level, why=why
    )
    audit.record(
        None, "escalation.moved_up", person=escalation.person, summary=f"Moved up to {higher}: {why}"
    )
    return True
