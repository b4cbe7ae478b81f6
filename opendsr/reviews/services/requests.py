"""Requests for a C(E)TR, their decisions and appeals, and declines (s2.4.3, s13.2)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.register.models import Person
from opendsr.register.timeline import record_event, void_events
from opendsr.reviews.models import (
    AppealOutcome,
    Decision,
    ReviewDecline,
    ReviewRequest,
)
from opendsr.reviews.services.common import _not_in_future, _required


@transaction.atomic
def record_request(
    *, person: Person, by, requested_on, requested_by, reason, requester_name="", first_steps="", request=None
) -> ReviewRequest:
    _required({"reason": (reason, "Enter why they asked for a review")})
    if requested_on is None:
        raise ValidationError({"requested_on": "Enter the date of the request"})
    _not_in_future(requested_on, "requested_on", "The date of the request", person=person)
    row = ReviewRequest.objects.create(
        person=person,
        requested_on=requested_on,
        requested_by=requested_by,
        requester_name=requester_name.strip(),
        reason=reason.strip(),
        first_steps=(first_steps or "").strip(),
        recorded_by=by,
    )
    audit.record(
        by, "review.requested", person=person, summary="Recorded a request for a C(E)TR", request=request
    )
    return row


@transaction.atomic
def decide_request(
    *,
    review_request: ReviewRequest,
    by,
    decision: str,
    decided_on,
    reasons: str,
    communicated_on=None,
    request=None,
) -> ReviewRequest:
    if decision not in (Decision.AGREED, Decision.DECLINED):
        raise ValidationError({"decision": "Choose whether the review is agreed"})
    if decided_on is None:
        raise ValidationError({"decided_on": "Enter the date of the decision"})
    _not_in_future(decided_on, "decided_on", "The date of the decision")
    _not_in_future(communicated_on, "communicated_on", "The date it was communicated")
    if decided_on < review_request.requested_on:
        raise ValidationError({"decided_on": "The decision cannot be before the request"})
    if decision == Decision.DECLINED:
        _required({"reasons": (reasons, "Explain why the review is not agreed")})
    review_request.decision, review_request.decided_on = decision, decided_on
    review_request.decided_by, review_request.decision_reasons = by, (reasons or "").strip()
    review_request.communicated_on = communicated_on
    review_request.save()
    _agreed_early(review_request, by, decided_on if decision == Decision.AGREED else None, "request")
    audit.record(
        by,
        "review.request_decided",
        person=review_request.person,
        summary=f"Request for a C(E)TR {review_request.get_decision_display().lower()}",
        request=request,
    )
    return review_request


def _agreed_early(review_request: ReviewRequest, by, agreed_on, prefix: str) -> None:
    """A review agreed on request is outside the usual timescale: the clock then lists the person for the
    oversight panel (s13.2, s18). A changed decision replaces the event."""
    source = f"{prefix}:{review_request.pk}"
    void_events(
        person=review_request.person, source=source, reason="Decision changed", refresh=agreed_on is None
    )
    if agreed_on is not None:
        record_event(
            person=review_request.person, type="cetr_request_agreed", date=agreed_on, by=by, source=source
        )


@transaction.atomic
def record_appeal(
    *,
    review_request: ReviewRequest,
    by,
    appealed_on,
    grounds,
    outcome="",
    decided_on=None,
    reasons="",
    request=None,
) -> ReviewRequest:
    if review_request.decision != Decision.DECLINED:
        raise ValidationError("Only a declined request can be appealed")
    if appealed_on is None:
        raise ValidationError({"appealed_on": "Enter the date of the appeal"})
    _not_in_future(appealed_on, "appealed_on", "The date of the appeal")
    _required({"grounds": (grounds, "Enter why they appealed")})
    if outcome and outcome not in AppealOutcome.values:
        raise ValidationError({"outcome": "Choose the outcome of the appeal"})
    if outcome and decided_on is None:
        raise ValidationError({"decided_on": "Enter the date of the appeal decision"})
    _not_in_future(decided_on, "decided_on", "The date of the appeal decision")
    review_request.appealed_on, review_request.appeal_grounds = appealed_on, grounds.strip()
    review_request.appeal_outcome, review_request.appeal_decided_on = outcome or "", decided_on
    review_request.appeal_reasons = (reasons or "").strip()
    review_request.save()
    _agreed_early(
        review_request, by, decided_on if outcome == AppealOutcome.UPHELD else None, "request-appeal"
    )
    audit.record(
        by,
        "review.request_appealed",
        person=review_request.person,
        summary="Recorded an appeal",
        request=request,
    )
    return review_request


@transaction.atomic
def record_decline(
    *,
    person: Person,
    by,
    declined_on,
    reasons,
    alternative_offered="",
    revisit_on=None,
    review=None,
    request=None,
) -> ReviewDecline:
    """The person declined a review (s2.4.3). The clock puts them on the oversight panel's list from the
    second decline."""
    if declined_on is None:
        raise ValidationError({"declined_on": "Enter the date they declined"})
    _not_in_future(declined_on, "declined_on", "The date they declined")
    _required({"reasons": (reasons, "Enter their reasons, in their words if you can")})
    if revisit_on is not None and revisit_on <= declined_on:
        raise ValidationError({"revisit_on": "The date to ask again must be after they declined"})
    row = ReviewDecline.objects.create(
        person=person,
        review=review,
        declined_on=declined_on,
        reasons=reasons.strip(),
        alternative_offered=(alternative_offered or "").strip(),
        revisit_on=revisit_on,
        recorded_by=by,
    )
    record_event(person=person, type="cetr_declined", date=declined_on, by=by, source=f"decline:{row.pk}")
    audit.record(
        by, "review.declined", person=person, summary="Recorded that they declined a C(E)TR", request=request
    )
    return row
