"""Reads for a review's page: its task list, the obligations it meets and raises, the checklist before it,
the previous review, safeguarding still outstanding and the discharge plan it looks at."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.inpatients.queries import discharge_plan_for
from opendsr.policy.preparation import PREPARATION_STEPS, preparation_checklist, safeguarding_outstanding
from opendsr.register.models import Obligation
from opendsr.register.obligations import status_of
from opendsr.reviews.models import PanelRole, Question, Review, ReviewStatus, SafeguardingConcern
from opendsr.web.labels import kind_label
from opendsr.web.presenters import task_status


def tasks(review: Review) -> list[dict]:
    """The review's task list: each step, where it links, and its status, from the record."""
    from django.urls import reverse

    seats = {s.role for s in review.seats.filter(removed_at__isnull=True)}
    invitations = review.invitations.count()
    arranged = review.scheduled_for is not None and bool(review.venue or review.video_link)
    findings = review.findings.filter(answered_findings()).count()
    held = review.held_on is not None
    cancelled = review.status == ReviewStatus.CANCELLED
    r = review.pk

    def link(name, *args, allowed=True):
        return reverse(f"reviews:{name}", args=[r, *args]) if allowed and not cancelled else None

    items = [
        ("Agree the date and venue", link("arrangements"), task_status(done=bool(arranged))),
        (
            "Choose the panel",
            link("panel"),
            task_status(done=seats >= set(PanelRole.values), started=bool(seats)),
        ),
        (
            "Invite people",
            link("invitations", allowed=arranged),
            task_status(done=bool(invitations > 0), can_start=arranged),
        ),
        (
            "Check consent, advocacy and papers",
            link("checklist"),
            task_status(
                done=all([review.consent_confirmed_on, review.advocacy_notified_on, review.papers_shared_on]),
                started=any(
                    [review.consent_confirmed_on, review.advocacy_notified_on, review.papers_shared_on]
                ),
            ),
        ),
        (
            "Hold the review",
            link("meeting", allowed=arranged),
            task_status(done=bool(held), can_start=arranged),
        ),
        (
            "Record what the panel found",
            link("findings", Question.SAFE.value, allowed=held),
            task_status(done=findings == len(Question), started=findings > 0, can_start=held),
        ),
        (
            "Record the rating decision",
            link("rating", allowed=held),
            task_status(done=bool(review.rating_decision_id), can_start=held),
        ),
        (
            "Agree actions",
            link("actions", allowed=held),
            task_status(done=review.actions.exists() or bool(review.no_actions_reason), can_start=held),
        ),
        (
            "Approve and send the report",
            link("report", allowed=held),
            task_status(
                done=bool(review.report_sent_on is not None),
                started=review.report_approved_on is not None,
                can_start=held,
            ),
        ),
        (
            "Pay the panel",
            reverse("reviews:payments") + f"?month={review.held_on:%Y-%m}"
            if held and not cancelled
            else None,
            task_status(
                done=bool(seats)
                and not review.seats.filter(removed_at__isnull=True, paid_on__isnull=True).exists(),
                can_start=held,
            ),
        ),
    ]
    return [{"heading": heading, "href": href, "status": status} for heading, href, status in items]


def due_obligation(review: Review, today: dt.date) -> dict | None:
    """The clock's obligation this review meets, as stored now."""
    if not review.meets:
        return None
    row = (
        Obligation.objects.filter(person=review.person, kind=review.meets)
        .filter(Q(is_open=True) | Q(met_by=f"review:{review.pk}"))
        .order_by("-is_open", "due")
        .first()
    )
    if row is None:
        return None
    return {
        "label": kind_label(row.kind),
        "due": row.due,
        "met_on": row.met_on,
        "status": status_of(row.due, row.met_on, today),
        "basis": row.basis,
    }


def report_obligation(review: Review, today: dt.date) -> dict | None:
    row = Obligation.objects.filter(
        person=review.person, kind="cetr_report", raised_by=f"review:{review.pk}"
    ).first()
    if row is None:
        return None
    return {
        "due": row.due,
        "met_on": row.met_on,
        "status": status_of(row.due, row.met_on, today),
        "basis": row.basis,
    }


def discharge_plan(review: Review):
    """The 12-point discharge plan (Appendix 7) the review looks at: the person's current admission's, or for an
    inpatient review the latest admission's; None when there is none to show."""
    plan = discharge_plan_for(review.person)
    if plan is None or not (plan.admission.is_open or review.is_inpatient_review):
        return None
    return plan


def review_page(review: Review, today: dt.date, *, user=None) -> dict:
    """What a review's page shows. Someone who may not see the person's whole record (a panel member) sees this
    review and what it needs, not their NHS number nor what earlier reviews they did not sit on agreed."""
    whole_record = user is None or access.allowed(user, Action.VIEW_RECORD)
    previous = (
        previous_review(review)
        if review.held_on is None
        else (
            Review.objects.filter(person=review.person, held_on__lt=review.held_on)
            .exclude(status=ReviewStatus.CANCELLED)
            .order_by("-held_on")
            .first()
        )
    )
    return {
        "tasks": tasks(review),
        "due": due_obligation(review, today),
        "report_due": report_obligation(review, today),
        "checklist": checklist(review, today),
        "seats": list(review.seats.filter(removed_at__isnull=True).select_related("member")),
        "invitations": list(review.invitations.all()),
        "findings": {f.question: f for f in review.findings.all()},
        "questions": list(Question),
        "concerns": [
            {"concern": c, "outstanding": safeguarding_requirements(c)}
            for c in review.safeguarding_concerns.all()
        ],
        "actions": list(review.actions.all()),
        "nhs_number": review.person.nhs_number if whole_record else "",
        "previous": previous if whole_record else None,
        "previous_actions": list(previous.actions.all()) if previous and whole_record else [],
        "requests": list(review.requests.all()),
        "discharge_plan": discharge_plan(review) if whole_record else None,
    }


def checklist(review: Review, today: dt.date) -> list[dict]:
    """The lead-time checklist before a review (000 "Before the C(E)TR")."""
    done = {step.field: getattr(review, step.field) for step in PREPARATION_STEPS}
    return preparation_checklist(review.scheduled_for, done, today, held=review.held_on is not None)


def previous_review(review: Review) -> Review | None:
    return (
        Review.objects.filter(person=review.person, held_on__isnull=False)
        .exclude(pk=review.pk)
        .exclude(status=ReviewStatus.CANCELLED)
        .order_by("-held_on", "-pk")
        .first()
    )


def answered_findings() -> Q:
    """Findings the panel wrote down, or marked as not discussed."""
    return Q(not_discussed=True) | ~Q(findings="")


def safeguarding_requirements(concern: SafeguardingConcern) -> list[str]:
    """What Appendix 6 still asks for this concern."""
    steps = safeguarding_outstanding(
        concern.level,
        concern.raised_on,
        referred_on=concern.referred_to_local_authority_on,
        cqc_notified_on=concern.cqc_notified_on,
    )
    return [step.text for step in steps]
