"""Pages for requests for a C(E)TR, their decisions and appeals, and declines."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.reviews import forms, rules
from opendsr.reviews.models import (
    ReviewRequest,
)
from opendsr.reviews.services.requests import decide_request, record_appeal, record_decline, record_request
from opendsr.reviews.views.common import _form_page, _scoped
from opendsr.web.form_pages import submit
from opendsr.web.today import today as get_today


@requires(Action.MANAGE_REVIEWS, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def request_new(request, person_pk):
    person = access.person_for(request.user, person_pk, Action.MANAGE_REVIEWS)
    form = forms.RequestForm(request.POST or None, initial={"requested_on": get_today()})
    return _form_page(
        request,
        person=person,
        form=form,
        heading="Record a request for a C(E)TR",
        lead="Anyone may ask for a Care (Education) and Treatment Review (C(E)TR) sooner than it is due. Record "
        "the request, then what was done first to address the concern, and the decision.",
        call=lambda data: record_request(person=person, by=request.user, request=request, **data),
        success="The request is recorded. Record the decision when it is made.",
        redirect_to=lambda row: reverse("reviews:request", args=[row.pk]),
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
    here = reverse("reviews:request", args=[row.pk])
    if step == "decision":
        done = submit(
            request,
            decision,
            lambda data: decide_request(review_request=row, by=request.user, request=request, **data),
            success="The decision is recorded.",
            redirect_to=here,
        )
    else:
        done = submit(
            request,
            appeal,
            lambda data: record_appeal(review_request=row, by=request.user, request=request, **data),
            success="The appeal is recorded.",
            redirect_to=here,
        )
    if done:
        return done
    audit.record(request, "review.request_viewed", person=row.person, summary="Viewed a request for a C(E)TR")
    may_organise = rules.may_organise_on_request(
        row.decision, row.appeal_outcome, has_review=row.review_id is not None
    )
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
