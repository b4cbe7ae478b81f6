"""Organising a C(E)TR: starting it, the arrangements, the panel, the checklist before it, cancelling it."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.policy import EventType, Pathway
from opendsr.register.models import Person, TimelineEvent
from opendsr.register.queries import pathway_of
from opendsr.register.timeline import record_event, void_events
from opendsr.reviews.models import (
    PanelMember,
    PanelRole,
    PanelSeat,
    Review,
    ReviewKind,
    ReviewPathway,
    ReviewStatus,
)
from opendsr.reviews.queries import (
    open_obligation_for,
    previous_review,
    review_in_progress,
    settings_for,
    warnings_for_panel,
)
from opendsr.reviews.services.common import _audit, _not_in_future, _required
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


@transaction.atomic
def organise_review(*, person: Person, by, kind: str, review_request=None, request=None) -> Review:
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": "Choose the kind of review"})
    today = get_today()
    pathway = pathway_of(person, today)
    obligation = open_obligation_for(person, kind)
    if obligation is not None:
        # Lock the person's row so that two people pressing "Start organising" at once make one review.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        current = review_in_progress(person, obligation.kind)
        if current is not None:
            raise ValidationError(
                {
                    "kind": f"A {current.get_kind_display()} is already being organised for this. "
                    "Continue that one, or cancel it first."
                }
            )
    review = Review.objects.create(
        person=person,
        kind=kind,
        pathway=ReviewPathway.CETR if pathway == Pathway.CYP else ReviewPathway.CTR,
        meets=obligation.kind if obligation else "",
        due_by=obligation.due if obligation else None,
        reasonable_adjustments=person.communication_needs,
        created_by=by,
    )
    previous = previous_review(review)
    if previous is not None and previous.same_panel_next_time:
        for seat in previous.seats.filter(removed_at__isnull=True):
            PanelSeat.objects.create(
                review=review, member=seat.member, role=seat.role, fee=_fee(person.icb, seat.role)
            )
    if review_request is not None:
        review_request.review = review
        review_request.save(update_fields=["review"])
    _audit(by, "review.organised", review, f"Started organising a {review.get_kind_display()}", request)
    return review


@transaction.atomic
def update_arrangements(*, review: Review, by, request=None, **values) -> Review:
    if review.status == ReviewStatus.CANCELLED:
        raise ValidationError("This review was cancelled")
    if not values.get("scheduled_for"):
        raise ValidationError({"scheduled_for": "Enter the date of the review"})
    if not (values.get("venue") or "").strip() and not (values.get("video_link") or "").strip():
        raise ValidationError({"venue": "Enter where the review will be held, or a video link"})
    for name, value in values.items():
        setattr(review, name, value)
    review.save()
    _keep_plan_on_timeline(review, by)
    _audit(
        by, "review.arranged", review, f"Arranged the review for {nhs_date(review.scheduled_for)}", request
    )
    return review


def _planned_source(review: Review) -> str:
    return f"review_planned:{review.pk}"


def _keep_plan_on_timeline(review: Review, by) -> None:
    """The clock's `cetr_planned`: the review was arranged for its date (s16.1: a sit-and-see visit comes before
    an inpatient's planned C(E)TR). A new date voids the event and writes it again with that date, keeping the
    day it was first arranged (a visit made since then still comes before the review); a review recorded after
    it took place was arranged by its date at the latest."""
    source = _planned_source(review)
    planned = review.scheduled_for.isoformat()
    current = (
        TimelineEvent.objects.filter(person=review.person, source=source, voided_at__isnull=True)
        .order_by("date", "pk")
        .first()
    )
    if current is not None and current.data.get("planned_date") == planned:
        return
    arranged_on = min(current.date if current is not None else get_today(), review.scheduled_for)
    if current is not None:
        void_events(person=review.person, source=source, reason="The review's date changed", refresh=False)
    record_event(
        person=review.person,
        type=EventType.CETR_PLANNED,
        date=arranged_on,
        by=by,
        data={"planned_date": planned},
        source=source,
    )


def _fee(icb, role: str) -> Decimal:
    current = settings_for(icb)
    return {
        PanelRole.CHAIR: current.chair_fee,
        PanelRole.CLINICAL_EXPERT: current.clinical_expert_fee,
        PanelRole.EXPERT_BY_EXPERIENCE: current.expert_by_experience_fee,
    }.get(role, Decimal("0"))


@transaction.atomic
def choose_panel(
    *,
    review: Review,
    by,
    members: dict[str, PanelMember | None],
    accept_warnings: bool = False,
    reason: str = "",
    same_panel_next_time: bool | None = None,
    request=None,
) -> list[PanelSeat]:
    """Seat the panel. Warnings must be accepted, with a reason, before a panel with them is saved."""
    for role, member in members.items():
        if member is not None and member.icb_id != review.person.icb_id:
            raise ValidationError({role: "Choose someone from your panel directory"})
    warnings = warnings_for_panel(review, members)
    if warnings and not (accept_warnings and (reason or "").strip()):
        raise ValidationError(
            {"accept_warnings": "Accept the warnings and say why, or choose other panel members"}
        )
    now = timezone.now()
    current = {seat.role: seat for seat in review.seats.filter(removed_at__isnull=True)}
    seats = []
    for role, member in members.items():
        seat = current.get(role)
        if seat is not None and (member is None or seat.member_id != member.pk):
            seat.removed_at = now
            seat.save(update_fields=["removed_at"])
            seat = None
        if member is None:
            continue
        if seat is None:
            seat = PanelSeat.objects.create(
                review=review, member=member, role=role, fee=_fee(review.person.icb, role)
            )
        seat.warnings = [w for w in warnings if w.startswith(member.name)]
        seat.warnings_accepted_reason = reason.strip() if seat.warnings else ""
        seat.save(update_fields=["warnings", "warnings_accepted_reason"])
        seats.append(seat)
    review.same_panel_next_time = same_panel_next_time
    if not review.panel_confirmed_on and all(members.get(role) for role in PanelRole.values):
        review.panel_confirmed_on = get_today()
    review.save(update_fields=["same_panel_next_time", "panel_confirmed_on", "updated_at"])
    _audit(
        by,
        "review.panel_chosen",
        review,
        "Chose the panel" + (f", accepting {len(warnings)} warning(s): {reason}" if warnings else ""),
        request,
    )
    return seats


@transaction.atomic
def update_checklist(*, review: Review, by, request=None, **dates) -> Review:
    for field, value in dates.items():
        _not_in_future(value, field, "The date")
        setattr(review, field, value)
    review.save()
    _audit(by, "review.checklist_updated", review, "Updated the checklist before the review", request)
    return review


@transaction.atomic
def cancel_review(*, review: Review, by, reason: str, request=None) -> Review:
    if review.held_on is not None:
        raise ValidationError("A review that has been held cannot be cancelled")
    _required({"reason": (reason, "Enter why the review is cancelled")})
    review.status, review.cancelled_reason = ReviewStatus.CANCELLED, reason.strip()
    review.save(update_fields=["status", "cancelled_reason", "updated_at"])
    void_events(person=review.person, source=_planned_source(review), reason="The review was cancelled")
    _audit(by, "review.cancelled", review, f"Cancelled the review: {reason}", request)
    return review
