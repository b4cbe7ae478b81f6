"""Deciding a rating, and telling the person and the referrer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.register import forms, queries
from opendsr.register.models import DecidedRating
from opendsr.register.services.rating import record_outcome_told, record_rating
from opendsr.register.views.common import _person
from opendsr.web.form_pages import form_page
from opendsr.web.forms import show_refusal as _apply
from opendsr.web.jinja import url_or_none
from opendsr.web.params import whole_number
from opendsr.web.presenters import rating_tag
from opendsr.web.today import today as get_today


@requires(Action.RECORD_RATING, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def rate(request, pk):
    person = _person(request, pk, Action.RECORD_RATING)
    instrument = queries.active_instrument(person)
    referral = request.GET.get("referral") or request.POST.get("referral") or ""
    referral_id = whole_number(referral)
    step = request.POST.get("step", "answers") if request.method == "POST" else "answers"
    answers = forms.AnswersForm(
        request.POST or None, instrument=instrument, person=person, initial={"decided_on": get_today()}
    )
    decision = None
    score = suggested = None
    if request.method == "POST" and step in ("answers", "decide") and answers.is_valid():
        if instrument is not None:
            score, suggested = queries.suggestion(instrument, answers.answers())
        decision = forms.DecisionForm(
            request.POST if step == "decide" else None, initial={"rating": suggested}
        )
        if step == "decide" and decision.is_valid():
            try:
                saved = record_rating(
                    person=person,
                    by=request.user,
                    instrument=instrument,
                    answers=answers.answers() if instrument is not None else None,
                    decided_on=answers.cleaned_data["decided_on"],
                    person_view=answers.cleaned_data["person_view"],
                    family_view=answers.cleaned_data["family_view"],
                    referral_id=referral_id,
                    request=request,
                    **decision.cleaned_data,
                )
            except ValidationError as error:
                _apply(decision, error)
            else:
                label = dict(DecidedRating.choices)[decision.cleaned_data["rating"]].lower()
                if referral_id is not None:
                    # The referral's outcome letter tells the person and the referrer.
                    messages.success(request, f"The rating decision is saved: {label}.")
                    referral_url = url_or_none("referrals:detail", referral_id)
                    return redirect(referral_url or reverse("register:detail", args=[person.pk]))
                messages.success(
                    request,
                    f"The rating decision is saved: {label}. Now tell {person.given_name} and the referrer.",
                )
                return redirect("register:tell_outcome", pk=person.pk, ratingdecision_pk=saved.pk)
    show_decision = decision is not None
    return render(
        request,
        "register/rate.jinja",
        {
            "person": person,
            "instrument": instrument,
            "answers": answers,
            "decision": decision,
            "show_decision": show_decision,
            "score": score,
            "suggested": suggested,
            "suggested_tag": rating_tag(suggested) if suggested else None,
            "referral_id": referral_id,
            "pathway_label": queries.PATHWAY_LABELS[queries.pathway_of(person, get_today())],
        },
    )


@requires(Action.RECORD_RATING, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def tell_outcome(request, pk, ratingdecision_pk):
    person = _person(request, pk, Action.RECORD_RATING)
    decision = queries.rating_decision_of(person, ratingdecision_pk)
    form = forms.OutcomeToldForm(
        request.POST or None,
        initial={"told_on": get_today(), "told_whom": ["person", "referrer"]},
    )
    return form_page(
        request,
        form,
        template="register/tell_outcome.jinja",
        call=lambda _data: record_outcome_told(
            decision=decision, by=request.user, request=request, **form.values()
        ),
        success=f"Telling {person.given_name} the rating is recorded.",
        redirect_to=reverse("register:detail", kwargs={"pk": person.pk}),
        context=lambda: {
            "person": person,
            "decision": decision,
            "told": list(decision.communications.all()),
            "referral_url": url_or_none("referrals:detail", decision.referral_id)
            if decision.referral_id
            else None,
        },
    )
