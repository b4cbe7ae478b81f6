"""Pages for the report: its details, approval and sending, and the PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.reviews import forms, queries, report
from opendsr.reviews.services.report import approve_report, send_report, update_report_details
from opendsr.reviews.views.common import _review
from opendsr.web.form_pages import submit
from opendsr.web.forms import show_refusal
from opendsr.web.today import today as get_today


@requires(Action.VIEW_PERSON)
@require_http_methods(["GET", "POST"])
def report_page(request, review_pk):
    review = _review(request, review_pk)
    may_manage = access.allowed(request.user, Action.MANAGE_REVIEWS)
    details = forms.ReportDetailsForm(
        request.POST if request.POST.get("step") == "details" else None,
        initial={
            "summary": review.summary,
            "lead_contact": review.lead_contact,
            "no_actions_reason": review.no_actions_reason,
        },
    )
    send = forms.SendReportForm(
        request.POST if request.POST.get("step") == "send" else None,
        initial={"sent_on": get_today(), "recipients": queries.report_recipients(review), "method": "email"},
    )
    if request.method == "POST":
        step = request.POST.get("step")
        if step in ("details", "send") and not may_manage:
            raise Http404
        done = None
        if step == "details":
            done = submit(
                request,
                details,
                lambda data: update_report_details(review=review, by=request.user, request=request, **data),
                success="The report details are saved.",
                redirect_to=reverse("reviews:report", args=[review.pk]),
            )
        elif step == "send":
            done = submit(
                request,
                send,
                lambda data: send_report(review=review, by=request.user, request=request, **data),
                success="The report is recorded as sent.",
                redirect_to=reverse("reviews:detail", args=[review.pk]),
            )
        elif step == "approve":
            access.require(request.user, Action.CONTRIBUTE_REVIEW)
            try:
                approve_report(review=review, by=request.user, request=request)
            except ValidationError as error:
                show_refusal(details, error)
            else:
                messages.success(request, "The report is approved. Send it to the person and family.")
                done = redirect("reviews:report", review.pk)
        if done:
            return done
    audit.record(
        request,
        "report.viewed",
        person=review.person,
        summary="Viewed the review report",
        detail={"review": review.pk},
    )
    return render(
        request,
        "reviews/report.jinja",
        {
            "review": review,
            "person": review.person,
            "details": details,
            "send": send,
            "problems": queries.report_problems(review),
            "may_manage": may_manage,
            "may_approve": queries.may_approve(request.user, review),
            "report_due": queries.report_obligation(review, get_today()),
            "today": get_today(),
            **report.context(review),
        },
    )


def _pdf(request, review_pk, maker, name):
    review = _review(request, review_pk)
    audit.record(
        request,
        "report.downloaded",
        person=review.person,
        summary=f"Downloaded the {name}",
        detail={"review": review.pk},
    )
    response = HttpResponse(maker(review), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="review-{review.pk}-{name.replace(" ", "-")}.pdf"'
    )
    return response


@requires(Action.VIEW_PERSON)
def report_pdf(request, review_pk):
    return _pdf(request, review_pk, report.report_pdf, "report")


@requires(Action.VIEW_PERSON)
def easy_read_pdf(request, review_pk):
    return _pdf(request, review_pk, report.easy_read_pdf, "easy read summary")
