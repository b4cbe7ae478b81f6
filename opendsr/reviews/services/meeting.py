"""The meeting: holding the review (the clock's `cetr_held`), findings, safeguarding, the rating decision, actions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.policy import EventType
from opendsr.register.models import TimelineEvent
from opendsr.register.services import record_rating
from opendsr.register.timeline import record_event, void_events
from opendsr.reviews import kloe
from opendsr.reviews.models import (
    INPATIENT_KINDS,
    ActionStatus,
    Finding,
    Question,
    Review,
    ReviewAction,
    ReviewStatus,
    SafeguardingConcern,
    SafeguardingLevel,
)
from opendsr.reviews.queries import (
    kloe_template_for,
)
from opendsr.reviews.services import letters
from opendsr.reviews.services.common import _audit, _not_in_future, _required
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


@transaction.atomic
def hold_review(
    *,
    review: Review,
    by,
    held_on: dt.date,
    why_not_community: str = "",
    previous_actions_notes: str = "",
    request=None,
) -> Review:
    """Record that the review took place: the clock's `cetr_held`, which meets the review that was due and
    starts the 10-working-day report deadline."""
    if review.status == ReviewStatus.CANCELLED:
        raise ValidationError("This review was cancelled")
    if held_on is None:
        raise ValidationError({"held_on": "Enter the date the review was held"})
    _not_in_future(held_on, "held_on", "The date the review was held", person=review.person)
    if review.kind in INPATIENT_KINDS and not (why_not_community or "").strip():
        raise ValidationError(
            {"why_not_community": "Record why the person's care cannot be given in the community"}
        )
    halted = review.safeguarding_concerns.filter(level=SafeguardingLevel.HALT, review_resumed=False)
    if halted.exists():
        raise ValidationError(
            "The review was halted for a safeguarding concern. Record that it resumed first."
        )
    first = review.held_on is None
    if not first:
        void_events(
            person=review.person, source=f"review:{review.pk}", reason="Review date corrected", refresh=False
        )
    review.held_on = held_on
    review.why_not_community = why_not_community.strip()
    review.previous_actions_notes = previous_actions_notes.strip()
    if review.status == ReviewStatus.PLANNING:
        review.status = ReviewStatus.HELD
    review.save()
    record_event(
        person=review.person,
        type="cetr_held",
        date=held_on,
        by=by,
        data={"kind": review.kind},
        source=f"review:{review.pk}",
    )
    if first:
        letters.thank_everyone(review, by=by)  # 001 s16.6.1
    _audit(by, "review.held", review, f"Recorded the review as held on {nhs_date(held_on)}", request)
    return review


FINDING_FIELDS = (
    "findings",
    "person_said",
    "family_said",
    "evidence",
    "differing_opinions",
    "human_rights_concerns",
)


@transaction.atomic
def record_findings(*, review: Review, by, question: str, request=None, **values) -> Finding:
    if question not in Question.values:
        raise ValidationError("No such question")
    if review.status == ReviewStatus.CANCELLED:
        raise ValidationError("This review was cancelled")
    template = kloe.saved_template(kloe_template_for(review))
    finding, _ = Finding.objects.get_or_create(
        review=review, question=question, defaults={"template": template}
    )
    for name in FINDING_FIELDS:
        if name in values:
            setattr(finding, name, (values[name] or "").strip())
    finding.not_discussed = bool(values.get("not_discussed"))
    if not finding.not_discussed and not finding.findings:
        raise ValidationError({"findings": "Enter what the panel found, or say this was not discussed"})
    finding.recorded_by = by
    finding.save()
    _audit(by, "review.findings_recorded", review, f"Recorded findings: {Question(question).label}", request)
    return finding


@transaction.atomic
def raise_safeguarding(
    *, review: Review, by, level: str, concern: str, raised_on: dt.date, request=None, **values
):
    """A safeguarding concern (Appendix 6). Halting and urgent concerns need a same-day referral to the local
    authority; the others need one by the next day or after the chair considers it."""
    if level not in SafeguardingLevel.values:
        raise ValidationError({"level": "Choose the level of response"})
    _required({"concern": (concern, "Describe the concern")})
    _not_in_future(raised_on, "raised_on", "The date it was raised")
    referred = values.get("referred_to_local_authority_on")
    _not_in_future(referred, "referred_to_local_authority_on", "The date of the referral")
    if level in (SafeguardingLevel.HALT, SafeguardingLevel.URGENT):
        _required(
            {
                "told_whom": (
                    values.get("told_whom"),
                    "Say who was told: the commissioner, provider and others",
                )
            }
        )
    _check_referral_date(level, raised_on, referred)
    told_at = values.get("told_at")
    concern_row = SafeguardingConcern.objects.create(
        review=review,
        level=level,
        concern=concern.strip(),
        raised_on=raised_on,
        action_taken=(values.get("action_taken") or "").strip(),
        referred_to_local_authority_on=referred,
        cqc_notified_on=values.get("cqc_notified_on"),
        told_whom=(values.get("told_whom") or "").strip(),
        told_at=told_at,
        recorded_by=by,
    )
    _keep_referral_on_timeline(concern_row, by)
    _audit(by, "review.safeguarding_raised", review, f"Raised a safeguarding concern ({level})", request)
    return concern_row


def _check_referral_date(level: str, raised_on: dt.date, referred: dt.date | None) -> None:
    if referred is None:
        return
    if level in (SafeguardingLevel.HALT, SafeguardingLevel.URGENT) and referred != raised_on:
        raise ValidationError(
            {
                "referred_to_local_authority_on": "This level needs a referral to the local authority the same day"
            }
        )
    if raised_on is not None and referred < raised_on:
        raise ValidationError(
            {
                "referred_to_local_authority_on": "The referral must be on or after the day the concern was raised"
            }
        )


def _keep_referral_on_timeline(concern: SafeguardingConcern, by) -> None:
    """The clock's `safeguarding_referral` (Appendix 6; s18 puts the person before the ICS oversight panel):
    written on the day of the referral to the local authority, and written again when that date is corrected."""
    source = f"safeguarding:{concern.pk}"
    person = concern.review.person
    referred = concern.referred_to_local_authority_on
    current = TimelineEvent.objects.filter(person=person, source=source, voided_at__isnull=True).first()
    if current is not None and current.date == referred:
        return
    if current is not None:
        void_events(
            person=person, source=source, reason="The date of the referral changed", refresh=referred is None
        )
    if referred is not None:
        record_event(person=person, type=EventType.SAFEGUARDING_REFERRAL, date=referred, by=by, source=source)


@transaction.atomic
def record_safeguarding_referral(
    *,
    concern: SafeguardingConcern,
    by,
    referred_to_local_authority_on: dt.date | None,
    cqc_notified_on: dt.date | None = None,
    request=None,
) -> SafeguardingConcern:
    """The referral to the local authority (and the CQC notification) made after the concern was raised."""
    if referred_to_local_authority_on is None:
        raise ValidationError(
            {"referred_to_local_authority_on": "Enter the date of the referral to the local authority"}
        )
    _not_in_future(
        referred_to_local_authority_on, "referred_to_local_authority_on", "The date of the referral"
    )
    _not_in_future(cqc_notified_on, "cqc_notified_on", "The date the CQC was notified")
    _check_referral_date(concern.level, concern.raised_on, referred_to_local_authority_on)
    concern.referred_to_local_authority_on = referred_to_local_authority_on
    concern.cqc_notified_on = cqc_notified_on
    concern.save(update_fields=["referred_to_local_authority_on", "cqc_notified_on"])
    _keep_referral_on_timeline(concern, by)
    _audit(
        by,
        "review.safeguarding_referred",
        concern.review,
        f"Recorded the safeguarding referral to the local authority on {nhs_date(referred_to_local_authority_on)}",
        request,
    )
    return concern


@transaction.atomic
def resume_after_halt(*, concern: SafeguardingConcern, by, request=None) -> SafeguardingConcern:
    if concern.referred_to_local_authority_on is None:
        raise ValidationError("Record the referral to the local authority before the review resumes")
    concern.review_resumed = True
    concern.save(update_fields=["review_resumed"])
    _audit(by, "review.resumed", concern.review, "The review resumed after a safeguarding concern", request)
    return concern


@transaction.atomic
def record_review_rating(
    *,
    review: Review,
    by,
    rating: str,
    rationale: str,
    person_view: str = "",
    family_view: str = "",
    professional_judgement: str = "",
    request=None,
):
    """Core standard 9: every review re-examines the person's rating. The decision becomes their rating."""
    if review.held_on is None:
        raise ValidationError("Record that the review was held before the rating decision")
    _required({"rationale": (rationale, "Explain the panel's rating decision")})
    decision = record_rating(
        person=review.person,
        by=by,
        rating=rating,
        decided_on=review.held_on,
        rationale=rationale,
        person_view=person_view,
        family_view=family_view,
        professional_judgement=professional_judgement,
        shared_with_person=True,
        request=request,
    )
    review.rating_decision = decision
    review.save(update_fields=["rating_decision", "updated_at"])
    return decision


@transaction.atomic
def add_action(
    *,
    review: Review,
    by,
    text: str,
    owner_name: str,
    owner_organisation: str,
    due: dt.date,
    question: str = "",
    request=None,
) -> ReviewAction:
    """A SMART recommendation: what, who (a named person and their organisation), by when."""
    _required(
        {
            "text": (text, "Enter what needs to happen"),
            "owner_name": (owner_name, "Enter the named person who will do it"),
            "owner_organisation": (owner_organisation, "Enter their organisation"),
        }
    )
    if due is None:
        raise ValidationError({"due": "Enter the date it must be done by"})
    start = review.held_on or review.scheduled_for or get_today()
    if due < start:
        raise ValidationError({"due": "The date it is due must be on or after the review"})
    action = ReviewAction.objects.create(
        review=review,
        person=review.person,
        text=text.strip(),
        owner_name=owner_name.strip(),
        owner_organisation=owner_organisation.strip(),
        due=due,
        question=question or "",
    )
    _audit(by, "review.action_added", review, f"Added an action for {owner_name}: {text}", request)
    return action


@transaction.atomic
def update_action(
    *,
    action: ReviewAction,
    by,
    status: str,
    closed_on=None,
    outcome_note: str = "",
    last_reviewed_on=None,
    request=None,
) -> ReviewAction:
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose where the action is"})
    if status == ActionStatus.NOT_DONE and not (outcome_note or "").strip():
        raise ValidationError({"outcome_note": "Say why it was not done"})
    _not_in_future(closed_on, "closed_on", "The date")
    _not_in_future(last_reviewed_on, "last_reviewed_on", "The date of the meeting")
    action.status = status
    action.closed_on = (closed_on or get_today()) if status != ActionStatus.OPEN else None
    action.outcome_note = (outcome_note or "").strip()
    if last_reviewed_on:
        action.last_reviewed_on = last_reviewed_on
    action.save()
    _audit(
        by,
        "review.action_updated",
        action.review,
        f"Action {action.get_status_display().lower()}: {action.text}",
        request,
    )
    return action
