"""C(E)TR pages: the list, organising a review, the meeting, the report, requests and declines, the panel
directory, payments and settings. Each view checks access, calls a service or a query, and renders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.reviews import forms, kloe, queries, report
from opendsr.reviews.access import review_for
from opendsr.reviews.models import (
    Invitation,
    KloePopulation,
    KloeSetting,
    PanelMember,
    PanelRole,
    PanelSeat,
    Question,
    ReviewAction,
    ReviewKind,
    ReviewRequest,
    SafeguardingConcern,
    Specialism,
)
from opendsr.reviews.services.directory import (
    record_payment,
    save_kloe_template,
    save_panel_member,
    update_settings,
)
from opendsr.reviews.services.invitations import (
    calendar_file,
    invitation_text,
    proposed_invitees,
    record_reply,
    send_invitations,
    send_panel_details,
)
from opendsr.reviews.services.meeting import (
    add_action,
    hold_review,
    raise_safeguarding,
    record_findings,
    record_review_rating,
    resume_after_halt,
    update_action,
)
from opendsr.reviews.services.organising import (
    cancel_review,
    choose_panel,
    organise_review,
    panel_warnings,
    update_arrangements,
    update_checklist,
    warnings_for_panel,
)
from opendsr.reviews.services.report import approve_report, send_report, update_report_details
from opendsr.reviews.services.requests import decide_request, record_appeal, record_decline, record_request
from opendsr.web import exports
from opendsr.web.forms import show_refusal as _apply
from opendsr.web.labels import kind_label
from opendsr.web.today import today as get_today


def _pk(value) -> int:
    return int(value) if str(value).isdigit() else 0


def _review(request, review_pk, action=Action.VIEW_PERSON):
    review = review_for(request.user, review_pk, action)
    audit.shows(request, review.person)
    return review


def _scoped(model, request, pk, *, via="review__person"):
    """A record that hangs off a person this user may see, or 404."""
    row = model.objects.filter(
        **{f"{via}__in": access.people_for(request.user).values("pk")}, pk=_pk(pk)
    ).first()
    if row is None:
        raise Http404("Not found")
    person = row
    for step in via.split("__"):
        person = getattr(person, step)
    audit.shows(request, person)
    return row


def _form_page(
    request,
    *,
    review=None,
    person=None,
    form,
    heading,
    call,
    success,
    redirect_to,
    lead="",
    submit="Save",
    caption=None,
    back=None,
    extra=None,
):
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, success)
            # A callable names the page of the record the call just made.
            return redirect(redirect_to() if callable(redirect_to) else redirect_to)
    person = person or (review.person if review else None)
    return render(
        request,
        "reviews/_form.jinja",
        {
            "form": form,
            "heading": heading,
            "lead": lead,
            "submit": submit,
            "caption": caption or (person.full_name if person else ""),
            "back": back or (reverse("reviews:detail", args=[review.pk]) if review else None),
            "review": review,
            "person": person,
            **(extra or {}),
        },
    )


# --------------------------------------------------------------------------------------------------- the list


@requires(Action.VIEW_REVIEWS)
def review_list(request):
    form = forms.ListForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {}) or {}
    filters = queries.ListFilters(
        status=data.get("status", ""), kind=data.get("kind", ""), q=data.get("q", "")
    )
    reviews = queries.review_list(request.user, filters)
    page = Paginator(reviews, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        "the C(E)TR list",
        people=[review.person_id for review in page.object_list],
        filters={**vars(filters), "page": page.number},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/list.jinja",
        {
            "form": form,
            "page": page,
            "rows": page.object_list,
            "count": page.paginator.count,
            "query": query.urlencode(),
            "filtered": any(request.GET.get(k) for k in ("q", "status", "kind")),
            "may_manage": access.allowed(request.user, Action.MANAGE_REVIEWS),
        },
    )


# ------------------------------------------------------------------------------------------------ organising


@requires(Action.MANAGE_REVIEWS, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def review_new(request, person_pk):
    person = access.person_for(request.user, person_pk, Action.MANAGE_REVIEWS)
    kind = request.GET.get("kind") if request.GET.get("kind") in ReviewKind.values else None
    review_request = None
    if request.GET.get("request"):
        review_request = ReviewRequest.objects.filter(person=person, pk=_pk(request.GET["request"])).first()
        kind = kind or ReviewKind.REQUESTED
    form = forms.NewReviewForm(request.POST or None, initial={"kind": kind})
    obligation = (
        queries.open_obligation_for(person, form["kind"].value() or "") if form["kind"].value() else None
    )
    in_progress = queries.review_in_progress(person, obligation.kind) if obligation else None
    if request.method == "POST" and form.is_valid():
        try:
            review = organise_review(
                person=person,
                by=request.user,
                kind=form.cleaned_data["kind"],
                review_request=review_request,
                request=request,
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(
                request, f"The {review.get_kind_display()} is started. Work through the steps below."
            )
            return redirect("reviews:detail", review.pk)
    return render(
        request,
        "reviews/new.jinja",
        {
            "person": person,
            "form": form,
            "obligation": obligation,
            "obligation_label": kind_label(obligation.kind) if obligation else "",
            "in_progress": in_progress,
            "today": get_today(),
        },
    )


@requires(Action.VIEW_PERSON)
def review_detail(request, review_pk):
    review = _review(request, review_pk)
    audit.record(
        request,
        "review.viewed",
        person=review.person,
        summary=f"Viewed the {review.get_kind_display()}",
        detail={"review": review.pk},
    )
    today = get_today()
    return render(
        request,
        "reviews/detail.jinja",
        {
            "review": review,
            "person": review.person,
            "today": today,
            "may_manage": access.allowed(request.user, Action.MANAGE_REVIEWS),
            **queries.review_page(review, today, user=request.user),
        },
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def arrangements(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    names = list(forms.ArrangementsForm.base_fields)
    form = forms.ArrangementsForm(request.POST or None, initial={n: getattr(review, n) for n in names})
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Agree the date and venue",
        lead="Choose a date that suits the person and their family, and a place where they feel comfortable.",
        call=lambda data: update_arrangements(review=review, by=request.user, request=request, **data),
        success="The date and venue are saved.",
        redirect_to=reverse("reviews:detail", args=[review.pk]),
        extra={"due": queries.due_obligation(review, get_today())},
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def panel(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    seats = {s.role: s.member for s in review.seats.filter(removed_at__isnull=True)}
    initial = {**seats, "same_panel_next_time": review.same_panel_next_time}
    form = forms.PanelForm(request.POST or None, icb=review.person.icb, initial=initial)
    warnings = []
    if request.method == "POST" and form.is_valid():
        warnings = warnings_for_panel(review, form.members())
        try:
            choose_panel(
                review=review,
                by=request.user,
                members=form.members(),
                accept_warnings=form.cleaned_data["accept_warnings"],
                reason=form.cleaned_data["reason"],
                same_panel_next_time=form.cleaned_data["same_panel_next_time"],
                request=request,
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, "The panel is saved.")
            return redirect("reviews:detail", review.pk)
    elif seats:
        warnings = warnings_for_panel(review, {r: seats.get(r) for r in PanelRole.values})
    return render(
        request,
        "reviews/panel.jinja",
        {"review": review, "person": review.person, "form": form, "warnings": warnings},
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def invitations(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    invited = list(review.invitations.all())
    # Named people are ticked to invite; a role with no name yet waits for the user to add one.
    proposed = [
        {**row, "invite": row["named"], "method": "email" if row["email"] else "letter"}
        for row in proposed_invitees(review)
    ]
    extra_rows = [{"invite": False, "role": "other", "name": "", "method": "email"} for _ in range(2)]
    formset = forms.InviteeFormSet(request.POST or None, initial=proposed + extra_rows, prefix="invitee")
    if request.method == "POST" and formset.is_valid():
        chosen = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("invite")]
        try:
            sent = send_invitations(review=review, by=request.user, invitees=chosen, request=request)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(
                request, f"{len(sent)} {'invitation is' if len(sent) == 1 else 'invitations are'} sent."
            )
            return redirect("reviews:invitations", review.pk)
    return render(
        request,
        "reviews/invitations.jinja",
        {"review": review, "person": review.person, "formset": formset, "invited": invited},
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def invitation(request, invitation_pk):
    row = _scoped(Invitation, request, invitation_pk)
    review = _review(request, row.review_id, Action.MANAGE_REVIEWS)
    if request.GET.get("download") == "ics":
        response = HttpResponse(calendar_file(review, row), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="review-{review.pk}.ics"'
        return response
    form = forms.ReplyForm(
        request.POST or None, initial={"reply": row.reply, "replied_on": row.replied_on or get_today()}
    )
    return _form_page(
        request,
        review=review,
        form=form,
        heading=f"Invitation to {row.name}",
        call=lambda data: record_reply(invitation=row, by=request.user, request=request, **data),
        success=f"{row.name}'s reply is saved.",
        redirect_to=reverse("reviews:invitations", args=[review.pk]),
        submit="Save reply",
        back=reverse("reviews:invitations", args=[review.pk]),
        extra={
            "letter": invitation_text(review, row) if review.scheduled_for else "",
            "invitation": row,
        },
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def checklist(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    if request.method == "POST" and request.POST.get("send_panel_details"):
        try:
            send_panel_details(review=review, by=request.user, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The panel's names are sent to the person.")
        return redirect("reviews:checklist", review.pk)
    names = list(forms.ChecklistForm.base_fields)
    form = forms.ChecklistForm(request.POST or None, initial={n: getattr(review, n) for n in names})
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Before the review",
        lead="Record when each step was done. The dates they are due come from the date of the review.",
        call=lambda data: update_checklist(review=review, by=request.user, request=request, **data),
        success="The checklist is saved.",
        redirect_to=reverse("reviews:detail", args=[review.pk]),
        extra={"checklist": queries.checklist(review, get_today()), "show_checklist": True},
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cancel(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    return _form_page(
        request,
        review=review,
        form=forms.CancelForm(request.POST or None),
        heading="Cancel this review",
        lead="The review stays on the record, marked as cancelled. The review the clock says is due stays due.",
        call=lambda data: cancel_review(review=review, by=request.user, request=request, **data),
        success="The review is cancelled.",
        redirect_to=reverse("reviews:detail", args=[review.pk]),
        submit="Cancel the review",
    )


# -------------------------------------------------------------------------------------------------- the meeting


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def meeting(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    form = forms.MeetingForm(
        request.POST or None,
        inpatient=review.is_inpatient_review,
        initial={
            "held_on": review.held_on or review.scheduled_for,
            "why_not_community": review.why_not_community,
            "previous_actions_notes": review.previous_actions_notes,
        },
    )
    previous = queries.review_page(review, get_today())
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Hold the review",
        lead="Record the day the review took place. This meets the review the policy says is due, and starts the "
        "10 working days to send the report.",
        call=lambda data: hold_review(review=review, by=request.user, request=request, **data),
        success="The review is recorded as held. Record what the panel found next.",
        redirect_to=reverse("reviews:findings", args=[review.pk, Question.SAFE.value]),
        extra={"previous_actions": previous["previous_actions"], "concerns": previous["concerns"]},
    )


@requires(Action.CONTRIBUTE_REVIEW)
@require_http_methods(["GET", "POST"])
def findings(request, review_pk, question):
    review = _review(request, review_pk, Action.CONTRIBUTE_REVIEW)
    if question not in Question.values:
        raise Http404("No such question")
    current = review.findings.filter(question=question).first()
    names = list(forms.FindingForm.base_fields)
    form = forms.FindingForm(
        request.POST or None, initial={n: getattr(current, n) for n in names} if current else {}
    )
    order = list(Question.values)
    following = order[order.index(question) + 1] if question != order[-1] else None
    template = queries.kloe_template_for(review)
    return _form_page(
        request,
        review=review,
        form=form,
        heading=Question(question).label,
        caption=f"What the panel found ({order.index(question) + 1} of {len(order)})",
        call=lambda data: record_findings(
            review=review, by=request.user, question=question, request=request, **data
        ),
        success="Saved.",
        redirect_to=(
            reverse("reviews:findings", args=[review.pk, following])
            if following
            else reverse("reviews:detail", args=[review.pk])
        ),
        submit="Save and continue",
        extra={
            "prompts": template.prompts.get(question, []),
            "questions": list(Question),
            "question": question,
        },
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def safeguarding_new(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    form = forms.SafeguardingForm(request.POST or None, initial={"raised_on": review.held_on or get_today()})
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Raise a safeguarding concern",
        lead="Appendix 6 of the policy sets what to do at each level. The chair is responsible, with the "
        "commissioner where authority has been delegated.",
        call=lambda data: raise_safeguarding(review=review, by=request.user, request=request, **data),
        success="The safeguarding concern is recorded.",
        redirect_to=reverse("reviews:detail", args=[review.pk]),
        submit="Record the concern",
    )


@requires(Action.MANAGE_REVIEWS)
@require_POST
def safeguarding_resume(request, safeguardingconcern_pk):
    concern = _scoped(SafeguardingConcern, request, safeguardingconcern_pk)
    review = _review(request, concern.review_id, Action.MANAGE_REVIEWS)
    try:
        resume_after_halt(concern=concern, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The review can go ahead.")
    return redirect("reviews:detail", review.pk)


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def rating(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    if review.held_on is None:
        messages.info(request, "Record that the review was held first.")
        return redirect("reviews:detail", review.pk)
    suggested = "blue" if review.person.location == "inpatient" else review.person.current_rating
    form = forms.RatingForm(request.POST or None, initial={"rating": suggested})
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Record the rating decision",
        lead=f"Every review looks again at {review.person.given_name}'s rating on the dynamic support register "
        f"(core standard 9). Their rating now is {review.person.get_current_rating_display() or 'not set'}. "
        "The panel's decision becomes their rating.",
        call=lambda data: record_review_rating(review=review, by=request.user, request=request, **data),
        success="The rating decision is saved.",
        redirect_to=reverse("reviews:actions", args=[review.pk]),
        submit="Save the rating decision",
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def actions(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    form = forms.ActionForm(request.POST or None)
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Agree actions",
        lead="Each action is specific, has a named person and organisation, and a date. They appear on the "
        "person's record and in the owners' work, and are checked at the multi-agency meeting.",
        call=lambda data: add_action(review=review, by=request.user, request=request, **data),
        success="The action is added. Add another, or go back to the review.",
        redirect_to=reverse("reviews:actions", args=[review.pk]),
        submit="Add the action",
        extra={"actions": list(review.actions.all()), "show_actions": True},
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def action(request, reviewaction_pk):
    row = _scoped(ReviewAction, request, reviewaction_pk, via="person")
    review = _review(request, row.review_id, Action.MANAGE_REVIEWS)
    names = list(forms.ActionUpdateForm.base_fields)
    form = forms.ActionUpdateForm(request.POST or None, initial={n: getattr(row, n) for n in names})
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Update an action",
        lead=f"{row.text} ({row.owner_name}, {row.owner_organisation}; due {row.due:%-d %B %Y})",
        call=lambda data: update_action(action=row, by=request.user, request=request, **data),
        success="The action is updated.",
        redirect_to=reverse("reviews:detail", args=[review.pk]),
    )


# -------------------------------------------------------------------------------------------------- the report


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
        initial={"sent_on": get_today(), "recipients": _default_recipients(review), "method": "email"},
    )
    if request.method == "POST":
        step = request.POST.get("step")
        if step in ("details", "send") and not may_manage:
            raise Http404
        try:
            if step == "details" and details.is_valid():
                update_report_details(review=review, by=request.user, request=request, **details.cleaned_data)
                messages.success(request, "The report details are saved.")
                return redirect("reviews:report", review.pk)
            if step == "approve":
                access.require(request.user, Action.CONTRIBUTE_REVIEW)
                approve_report(review=review, by=request.user, request=request)
                messages.success(request, "The report is approved. Send it to the person and family.")
                return redirect("reviews:report", review.pk)
            if step == "send" and send.is_valid():
                send_report(review=review, by=request.user, request=request, **send.cleaned_data)
                messages.success(request, "The report is recorded as sent.")
                return redirect("reviews:detail", review.pk)
        except ValidationError as error:
            _apply(send if step == "send" else details, error)
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


def _default_recipients(review) -> str:
    person = review.person
    lines = [f"{person.full_name}, {person.email}".rstrip(", ")]
    lines += [
        i.name + (f", {i.email}" if i.email else "")
        for i in review.invitations.filter(role__in=["parent", "family_carer", "advocate"])
    ]
    return "\n".join(lines)


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


# ----------------------------------------------------------------------------------- requests and declines


@requires(Action.MANAGE_REVIEWS, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def request_new(request, person_pk):
    person = access.person_for(request.user, person_pk, Action.MANAGE_REVIEWS)
    holder = {}
    form = forms.RequestForm(request.POST or None, initial={"requested_on": get_today()})

    def call(data):
        holder["row"] = record_request(person=person, by=request.user, request=request, **data)

    return _form_page(
        request,
        person=person,
        form=form,
        heading="Record a request for a C(E)TR",
        lead="Anyone may ask for a Care (Education) and Treatment Review (C(E)TR) sooner than it is due. Record "
        "the request, then what was done first to address the concern, and the decision.",
        call=call,
        success="The request is recorded. Record the decision when it is made.",
        redirect_to=lambda: reverse("reviews:request", args=[holder["row"].pk]),
        back=reverse("register:detail", args=[person.pk]),
        submit="Record the request",
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def request_detail(request, reviewrequest_pk):
    row = _scoped(ReviewRequest, request, reviewrequest_pk, via="person")
    step = request.POST.get("step")
    decision = forms.DecisionForm(
        request.POST if step == "decision" else None,
        initial={
            "decision": row.decision,
            "decided_on": row.decided_on or get_today(),
            "reasons": row.decision_reasons,
            "communicated_on": row.communicated_on,
        },
    )
    appeal = forms.AppealForm(
        request.POST if step == "appeal" else None,
        initial={
            "appealed_on": row.appealed_on,
            "grounds": row.appeal_grounds,
            "outcome": row.appeal_outcome,
            "decided_on": row.appeal_decided_on,
            "reasons": row.appeal_reasons,
        },
    )
    if request.method == "POST":
        try:
            if step == "decision" and decision.is_valid():
                decide_request(review_request=row, by=request.user, request=request, **decision.cleaned_data)
                messages.success(request, "The decision is recorded.")
                return redirect("reviews:request", row.pk)
            if step == "appeal" and appeal.is_valid():
                record_appeal(review_request=row, by=request.user, request=request, **appeal.cleaned_data)
                messages.success(request, "The appeal is recorded.")
                return redirect("reviews:request", row.pk)
        except ValidationError as error:
            _apply(decision if step == "decision" else appeal, error)
    audit.record(request, "review.request_viewed", person=row.person, summary="Viewed a request for a C(E)TR")
    may_organise = (row.decision == "agreed" or row.appeal_outcome == "upheld") and row.review_id is None
    return render(
        request,
        "reviews/request.jinja",
        {
            "row": row,
            "person": row.person,
            "decision": decision,
            "appeal": appeal,
            "may_organise": may_organise,
        },
    )


@requires(Action.MANAGE_REVIEWS, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def decline_new(request, person_pk):
    person = access.person_for(request.user, person_pk, Action.MANAGE_REVIEWS)
    form = forms.DeclineForm(request.POST or None, initial={"declined_on": get_today()})
    return _form_page(
        request,
        person=person,
        form=form,
        heading="Record that they declined a C(E)TR",
        lead="Record their reasons, what was offered instead (such as a desktop review), and when to ask again. "
        "When someone declines twice or more, the oversight panel looks at their care.",
        call=lambda data: record_decline(person=person, by=request.user, request=request, **data),
        success="That they declined is recorded.",
        redirect_to=reverse("register:detail", args=[person.pk]),
        back=reverse("register:detail", args=[person.pk]),
        submit="Record it",
    )


# ------------------------------------------------------------------------------------------ the directory


@requires(Action.MANAGE_PANEL_DIRECTORY)
def directory(request):
    members = PanelMember.objects.filter(icb=request.user.icb)
    role = request.GET.get("role", "")
    if role in PanelRole.values:
        members = members.filter(role=role)
    show = request.GET.get("show", "active")
    if show == "active":
        members = members.filter(active=True)
    specialism = request.GET.get("specialism", "")
    if specialism in Specialism.values:
        members = members.filter(specialisms__icontains=f'"{specialism}"')
    training_filter = request.GET.get("training", "")
    current = queries.settings_for(request.user.icb)
    today = get_today()
    rows = []
    for member in members:
        training = panel_warnings(member, _Blank(), today, current)
        state = "missing" if member.induction_trained_on is None else ("expired" if training else "current")
        if training_filter in ("current", "expired", "missing") and state != training_filter:
            continue
        rows.append({"member": member, "training": training[0] if training else ""})
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/directory.jinja",
        {
            "page": page,
            "rows": page.object_list,
            "count": len(rows),
            "role": role,
            "show": show,
            "roles": PanelRole.choices,
            "query": query.urlencode(),
        },
    )


class _Blank:
    """No review: only the member's own training is checked."""

    class person:  # noqa: N801
        current_provider = ""
        out_of_area_details = ""
        given_name = ""

    venue = ""
    pathway = ""
    preferred_gender = ""


def _member_form(request, member=None):
    initial = {}
    if member is not None:
        initial = {n: getattr(member, n) for n in forms.PanelMemberForm.base_fields if n != "photo"}
    form = forms.PanelMemberForm(
        request.POST or None, request.FILES or None, initial=initial or {"active": True}
    )
    return _form_page(
        request,
        form=form,
        heading=f"Change {member.name}'s details" if member else "Add a panel member",
        caption="Panel-member directory",
        call=lambda data: save_panel_member(
            icb=request.user.icb,
            by=request.user,
            member=member,
            request=request,
            **{k: v for k, v in data.items() if k != "photo" or v},
        ),
        success="The panel member is saved.",
        redirect_to=reverse("reviews:directory"),
        back=reverse("reviews:directory"),
    )


@requires(Action.MANAGE_PANEL_DIRECTORY)
@require_http_methods(["GET", "POST"])
def directory_new(request):
    return _member_form(request)


@requires(Action.MANAGE_PANEL_DIRECTORY)
@require_http_methods(["GET", "POST"])
def directory_edit(request, panelmember_pk):
    member = PanelMember.objects.filter(icb=request.user.icb, pk=_pk(panelmember_pk)).first()
    if member is None:
        raise Http404("No such panel member")
    return _member_form(request, member)


# --------------------------------------------------------------------------------------------- payments


def _month(value: str | None) -> dt.date:
    try:
        return dt.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return get_today().replace(day=1)


@requires(Action.VIEW_PAYMENTS)
def payments(request):
    month = _month(request.GET.get("month"))
    seats = queries.payments(request.user, month)
    total = sum((s.fee + s.expenses for s in seats), start=0)
    if request.GET.get("download") == "xlsx":
        return _payments_excel(request, month, seats)
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "reviews/payments.jinja",
        {"month": month, "seats": seats, "total": total, "previous": previous, "following": following},
    )


def _initials(person) -> str:
    return f"{person.given_name[:1]}{person.family_name[:1]}".upper()


PAYMENT_COLUMNS = [
    "Panel member",
    "Role",
    "Review date",
    "Person (initials)",
    "Fee",
    "Expenses",
    "Expenses for",
    "Total",
    "Paid on",
]


def _payments_excel(request, month, seats):
    rows = [
        [
            s.member.name,
            s.get_role_display(),
            s.review.held_on,
            _initials(s.review.person),
            s.fee,
            s.expenses,
            s.expenses_note,
            s.fee + s.expenses,
            s.paid_on,
        ]
        for s in seats
    ]
    fees, expenses = (
        sum((s.fee for s in seats), start=Decimal(0)),
        sum((s.expenses for s in seats), start=Decimal(0)),
    )
    rows.append(["Total", "", "", "", fees, expenses, "", fees + expenses, None])
    return exports.download(
        request,
        fmt=exports.EXCEL,
        name=f"panel-payments-{month:%Y-%m}",
        sheet_title=f"{month:%B %Y}",
        columns=PAYMENT_COLUMNS,
        rows=rows,
        action="payments.exported",
        summary=f"Downloaded the panel payments for {month:%B %Y}",
        people=[s.review.person_id for s in seats],
    )


@requires(Action.VIEW_PAYMENTS)
@require_http_methods(["GET", "POST"])
def seat_payment(request, panelseat_pk):
    seat = _scoped(PanelSeat, request, panelseat_pk)
    review = _review(request, seat.review_id, Action.VIEW_PAYMENTS)
    form = forms.PaymentForm(
        request.POST or None,
        initial={
            "fee": seat.fee,
            "expenses": seat.expenses,
            "expenses_note": seat.expenses_note,
            "paid_on": seat.paid_on,
        },
    )
    back = reverse("reviews:payments") + (f"?month={review.held_on:%Y-%m}" if review.held_on else "")
    return _form_page(
        request,
        review=review,
        form=form,
        heading=f"Payment for {seat.member.name}",
        caption=f"{seat.get_role_display()}, review on {review.held_on or review.scheduled_for:%-d %B %Y}"
        if (review.held_on or review.scheduled_for)
        else seat.get_role_display(),
        call=lambda data: record_payment(seat=seat, by=request.user, request=request, **data),
        success="The payment is saved.",
        redirect_to=back,
        back=back,
    )


# ---------------------------------------------------------------------------------------------- settings


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def settings_page(request):
    current = queries.settings_for(request.user.icb)
    form = forms.SettingsForm(
        request.POST or None, initial={n: getattr(current, n) for n in forms.SettingsForm.base_fields}
    )
    return _form_page(
        request,
        form=form,
        heading="C(E)TR fees and settings",
        caption="Administration",
        lead="Appendix 11 suggests £250 for an expert by experience and £350 for a clinical expert for each review.",
        call=lambda data: update_settings(icb=request.user.icb, by=request.user, request=request, **data),
        success="The settings are saved.",
        redirect_to=reverse("reviews:settings"),
        back=reverse("web:admin_home"),
    )


@requires(Action.MANAGE_SETTINGS)
def kloe_templates(request):
    rows = []
    for setting in KloeSetting:
        for population in KloePopulation:
            template = kloe.current_template(request.user.icb, setting, population)
            rows.append(
                {
                    "setting": setting,
                    "population": population,
                    "template": template,
                    "slug": kloe.set_slug(setting, population),
                }
            )
    return render(request, "reviews/kloe_templates.jinja", {"rows": rows})


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def kloe_template(request, kloe_set):
    parsed = kloe.parse_set_slug(kloe_set)
    if parsed is None:
        raise Http404("No such template")
    template = kloe.current_template(request.user.icb, *parsed)
    questions = list(Question)
    form = forms.KloeForm(
        request.POST or None,
        questions=questions,
        initial={q.value: "\n".join(template.prompts.get(q.value, [])) for q in questions},
    )
    return _form_page(
        request,
        form=form,
        heading=f"Key lines of enquiry: {KloeSetting(parsed[0]).label.lower()}, {KloePopulation(parsed[1]).label.lower()}",
        caption="Administration",
        lead="Saving makes a new version. Reviews already recorded keep the version they used.",
        call=lambda data: save_kloe_template(
            icb=request.user.icb,
            by=request.user,
            setting=parsed[0],
            population=parsed[1],
            prompts={
                q: [line.strip() for line in (text or "").splitlines() if line.strip()]
                for q, text in data.items()
            },
            request=request,
        ),
        success="The key lines of enquiry are saved as a new version.",
        redirect_to=reverse("reviews:kloe_templates"),
        back=reverse("reviews:kloe_templates"),
    )
