"""The nightly escalation run (001 s4: a clear escalation route to named senior managers for red and amber
cases; s20.3). It reads the DSR lead's rules against the stored obligations and records the policy clock wrote
(nothing here works out a due date), raises an escalation for each new match, moves up a level any escalation
not acknowledged by its date (working days, `opendsr.policy`), and emails each manager a digest.

What is safe to email: initials and a link that needs a log-in, as in the daily reminders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from opendsr.meetings.models import Escalation, EscalationRule, EscalationStatus, RuleKind, SeniorManager
from opendsr.meetings.services.escalation import move_up, person_link, raise_escalation
from opendsr.policy import Kind
from opendsr.register.models import Obligation, Person, Rating, RegisterStatus
from opendsr.reviews.models import ActionStatus, ReviewAction
from opendsr.web.formatting import nhs_date
from opendsr.web.labels import kind_label
from opendsr.web.today import today as get_today


@dataclass(frozen=True)
class Match:
    person: Person
    key: str  # the same thing found again tomorrow is not escalated twice
    reason: str
    link: str


def _obligations(rule: EscalationRule, today: dt.date):
    return (
        Obligation.objects.filter(
            person__icb_id=rule.icb_id,
            is_open=True,
            due__lt=today - dt.timedelta(days=rule.days),
        )
        .exclude(person__status=RegisterStatus.LEFT)
        .select_related("person")
    )


def matches(rule: EscalationRule, today: dt.date) -> list[Match]:
    """What one rule finds today."""
    found = []
    if rule.kind in (
        RuleKind.RED_COMMUNITY_CETR_OVERDUE,
        RuleKind.OBLIGATION_OVERDUE,
        RuleKind.REFERRAL_NOT_STRATIFIED,
    ):
        rows = _obligations(rule, today)
        if rule.kind == RuleKind.RED_COMMUNITY_CETR_OVERDUE:
            rows = rows.filter(kind=Kind.COMMUNITY_CETR, person__current_rating=Rating.RED)
        elif rule.kind == RuleKind.REFERRAL_NOT_STRATIFIED:
            rows = rows.filter(kind=Kind.STRATIFY_REFERRAL)
        for row in rows.order_by("due", "pk"):
            late = (today - row.due).days
            found.append(
                Match(
                    person=row.person,
                    key=f"{rule.kind}:{row.person_id}:{row.kind}:{row.due}",
                    reason=f"{kind_label(row.kind)} was due {nhs_date(row.due)}: {late} days overdue",
                    link=person_link(row.person),
                )
            )
    elif rule.kind == RuleKind.CETR_ACTION_OVERDUE:
        actions = ReviewAction.objects.filter(
            person__icb_id=rule.icb_id, status=ActionStatus.OPEN, due__lt=today - dt.timedelta(days=rule.days)
        ).select_related("person")
        for action in actions.order_by("due", "pk"):
            found.append(
                Match(
                    person=action.person,
                    key=f"{rule.kind}:{action.pk}",
                    reason=f"C(E)TR action overdue since {nhs_date(action.due)}: {action.text[:150]} "
                    f"({action.owner_name}, {action.owner_organisation})",
                    link=reverse("reviews:action", args=[action.pk]),
                )
            )
    elif rule.kind == RuleKind.RED_WITHOUT_CHANGE:
        people = Person.objects.filter(
            icb_id=rule.icb_id,
            status=RegisterStatus.ACTIVE,
            current_rating=Rating.RED,
            rating_decided_on__lt=today - dt.timedelta(days=rule.days),
        )
        for person in people.order_by("rating_decided_on", "pk"):
            found.append(
                Match(
                    person=person,
                    key=f"{rule.kind}:{person.pk}:{person.rating_decided_on}",
                    reason=f"Red since {nhs_date(person.rating_decided_on)} without change "
                    f"({(today - person.rating_decided_on).days} days)",
                    link=person_link(person),
                )
            )
    return found


def raise_for_rules(today: dt.date, icb_id: int | None = None) -> int:
    rules = EscalationRule.objects.filter(active=True)
    if icb_id is not None:
        rules = rules.filter(icb_id=icb_id)
    raised = 0
    for rule in rules.order_by("pk"):
        known = set(Escalation.objects.filter(icb_id=rule.icb_id, rule=rule).values_list("key", flat=True))
        for match in matches(rule, today):
            if match.key in known:
                continue
            escalation = raise_escalation(
                person=match.person,
                reason=match.reason,
                link=match.link,
                line=rule.line,
                urgent=rule.urgent,
                acknowledge_within=rule.acknowledge_within,
                rule=rule,
                key=match.key,
                today=today,
            )
            if escalation is not None:
                known.add(match.key)
                raised += 1
    return raised


def move_up_unacknowledged(today: dt.date, icb_id: int | None = None) -> int:
    """Escalations not acknowledged by their date go up a level (the date counts working days)."""
    late = Escalation.objects.filter(status=EscalationStatus.OPEN, acknowledge_by__lt=today)
    if icb_id is not None:
        late = late.filter(icb_id=icb_id)
    return sum(
        move_up(escalation=escalation, today=today) for escalation in late.select_related("manager", "person")
    )


def _initials(name: str) -> str:
    return "".join(part[0].upper() + "." for part in name.split() if part[:1].isalpha()) or "?"


def digest_for(manager: SeniorManager, today: dt.date) -> EmailMultiAlternatives | None:
    """One email with what reached this manager since their last email. A manager who chose urgent only gets the
    urgent ones; the rest wait in their list of escalations."""
    waiting = Escalation.objects.filter(manager=manager, emailed_at__isnull=True).exclude(
        status=EscalationStatus.CLOSED
    )
    if manager.urgent_only:
        waiting = waiting.filter(urgent=True)
    rows = list(waiting.select_related("person").order_by("-urgent", "raised_on", "pk"))
    if not rows or not manager.user.email or not manager.user.is_active:
        return None
    site = settings.SITE_URL.rstrip("/")
    lines = [
        {
            "who": _initials(e.person.full_name),
            "reason": e.reason,
            "urgent": e.urgent,
            "acknowledge_by": nhs_date(e.acknowledge_by),
            "link": site + reverse("escalations:detail", args=[e.pk]),
        }
        for e in rows
    ]
    urgent = sum(1 for e in rows if e.urgent)
    context = {
        "manager": manager,
        "lines": lines,
        "today": nhs_date(today),
        "list_url": site + reverse("escalations:list"),
        "settings_url": site + reverse("escalations:email_choice"),
    }
    subject = f"OpenDSR: {len(rows)} escalation{'s' if len(rows) != 1 else ''} for you" + (
        f" ({urgent} urgent)" if urgent else ""
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("meetings/email/escalations.txt", context),
        to=[manager.user.email],
    )
    message.attach_alternative(render_to_string("meetings/email/escalations.html", context), "text/html")
    message.escalations = rows
    return message


def send_digests(today: dt.date) -> int:
    sent = 0
    for manager in SeniorManager.objects.filter(active=True).select_related("user"):
        message = digest_for(manager, today)
        if message is None:
            continue
        message.send()
        now = timezone.now()
        for escalation in message.escalations:
            escalation.emailed_at = now
            escalation.save(update_fields=["emailed_at"])
        sent += 1
    return sent


def run(*, today: dt.date | None = None) -> dict:
    """The nightly run: move up what nobody acknowledged, raise what the rules find, email the managers."""
    today = today or get_today()
    moved = move_up_unacknowledged(today)
    raised = raise_for_rules(today)
    emailed = send_digests(today)
    return {"raised": raised, "moved_up": moved, "emailed": emailed}
