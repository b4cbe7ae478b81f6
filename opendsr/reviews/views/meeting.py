"""Pages for the meeting: holding the review, findings, safeguarding, the rating decision and actions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opendsr.accounts.access import Action, requires
from opendsr.reviews import forms, queries
from opendsr.reviews.models import (
    Question,
    ReviewAction,
    SafeguardingConcern,
)
from opendsr.reviews.services.meeting import (
    add_action,
    hold_review,
    raise_safeguarding,
    record_findings,
    record_review_rating,
    record_safeguarding_referral,
    resume_after_halt,
    update_action,
)
from opendsr.reviews.views.common import _form_page, _review, _scoped
from opendsr.web.form_pages import one_step
from opendsr.web.formatting import nhs_date, timescales
from opendsr.web.today import today as get_today


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
        f"{timescales()['cetr_report']} to send the report.",
        call=lambda data: hold_review(review=review, by=request.user, request=request, **data),
        success="The review is recorded as held. Record what the panel found next.",
        redirect_to=reverse("reviews:findings", args=[review.pk, Question.SAFE.value]),
        extra={
            "previous_actions": previous["previous_actions"],
            "concerns": previous["concerns"],
            "discharge_plan": previous["discharge_plan"],
        },
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
@require_http_methods(["GET", "POST"])
def safeguarding_referral(request, safeguardingconcern_pk):
    concern = _scoped(SafeguardingConcern, request, safeguardingconcern_pk)
    review = _review(request, concern.review_id, Action.MANAGE_REVIEWS)
    form = forms.SafeguardingReferralForm(
        request.POST or None,
        initial={
            "referred_to_local_authority_on": concern.referred_to_local_authority_on,
            "cqc_notified_on": concern.cqc_notified_on,
        },
    )
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Record the safeguarding referral",
        lead=f"The concern raised on {nhs_date(concern.raised_on)}: {concern.concern.strip().rstrip('.')}. "
        f"A safeguarding referral puts {review.person.given_name} on the ICS oversight panel's list.",
        call=lambda data: record_safeguarding_referral(
            concern=concern, by=request.user, request=request, **data
        ),
        success="The safeguarding referral is recorded.",
        redirect_to=reverse("reviews:detail", args=[review.pk]),
        submit="Save the referral",
    )


@requires(Action.MANAGE_REVIEWS)
@require_POST
def safeguarding_resume(request, safeguardingconcern_pk):
    concern = _scoped(SafeguardingConcern, request, safeguardingconcern_pk)
    review = _review(request, concern.review_id, Action.MANAGE_REVIEWS)
    one_step(
        request,
        lambda: resume_after_halt(concern=concern, by=request.user, request=request),
        "The review can go ahead.",
    )
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
