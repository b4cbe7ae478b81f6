"""The report: its details, the chair's approval, and sending it (the clock's `cetr_report_sent`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction

from opendsr.register.timeline import record_event
from opendsr.reviews.models import (
    Review,
    ReviewStatus,
)
from opendsr.reviews.queries import (
    may_approve,
    report_problems,
)
from opendsr.reviews.services import letters
from opendsr.reviews.services.common import _audit, _not_in_future, _required
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


@transaction.atomic
def update_report_details(
    *, review: Review, by, lead_contact: str, summary: str, no_actions_reason: str = "", request=None
) -> Review:
    _required({"lead_contact": (lead_contact, "Say who the person and family should contact")})
    review.lead_contact = lead_contact.strip()
    review.summary = (summary or "").strip()
    review.no_actions_reason = (no_actions_reason or "").strip()
    review.save(update_fields=["lead_contact", "summary", "no_actions_reason", "updated_at"])
    _audit(by, "review.report_details", review, "Updated the report's summary and contact", request)
    return review


@transaction.atomic
def approve_report(*, review: Review, by, request=None) -> Review:
    problems = report_problems(review)
    if problems:
        raise ValidationError(problems)
    if not may_approve(by, review):
        raise ValidationError(
            "Only the chair, or a case manager recording the chair's approval, can approve the report"
        )
    review.report_approved_on = get_today()
    review.report_approved_by = by
    review.save(update_fields=["report_approved_on", "report_approved_by", "updated_at"])
    _audit(by, "review.report_approved", review, "Approved the report", request)
    return review


@transaction.atomic
def send_report(
    *, review: Review, by, sent_on: dt.date, recipients: list[tuple[str, str]], method: str, request=None
) -> Review:
    """Send the report to the person, family and others (s16.6: within 10 working days). Meets the clock's
    `cetr_report`."""
    from opendsr.reviews import report

    if review.report_approved_on is None:
        raise ValidationError("The chair must approve the report before it is sent")
    if sent_on is None:
        raise ValidationError({"sent_on": "Enter the date the report was sent"})
    _not_in_future(sent_on, "sent_on", "The date the report was sent")
    if sent_on < review.held_on:
        raise ValidationError({"sent_on": "The report cannot be sent before the review was held"})
    if not recipients:
        raise ValidationError({"recipients": "Enter who the report went to"})
    if method == "email":
        missing = [name for name, email in recipients if not email]
        if missing:
            raise ValidationError(
                {"recipients": f"Add an email address for {', '.join(missing)}, or send it by post"}
            )
        full, easy = report.report_pdf(review), report.easy_read_pdf(review)

        def deliver():
            for name, email in recipients:
                message = EmailMessage(
                    subject="The report from your Care (Education) and Treatment Review",
                    body=f"Dear {name},\n\nThe report from the review on {nhs_date(review.held_on)} is attached, "
                    f"with an easy read summary.\n\n{review.lead_contact}\n\n{review.person.icb.name}",
                    from_email=django_settings.DEFAULT_FROM_EMAIL,
                    to=[email],
                )
                message.attach("review-report.pdf", full, "application/pdf")
                message.attach("review-easy-read.pdf", easy, "application/pdf")
                message.send()

        transaction.on_commit(deliver)
    first = review.report_sent_on is None
    review.report_sent_on = review.report_sent_on or sent_on
    names = ", ".join(f"{name} ({email})" if email else name for name, email in recipients)
    review.report_sent_to = (review.report_sent_to + "\n" if review.report_sent_to else "") + (
        f"{nhs_date(sent_on)}, by {'email' if method == 'email' else 'post'}: {names}"
    )
    review.status = ReviewStatus.COMPLETED
    review.save(update_fields=["report_sent_on", "report_sent_to", "status", "updated_at"])
    if first:
        record_event(
            person=review.person,
            type="cetr_report_sent",
            date=sent_on,
            by=by,
            source=f"review-report:{review.pk}",
        )
    letters.log_report(review, by=by, sent_on=sent_on, recipients=recipients, method=method)
    _audit(by, "review.report_sent", review, f"Sent the report to {names}", request)
    return review
