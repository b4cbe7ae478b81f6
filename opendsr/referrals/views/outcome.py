"""Telling the outcome: by letter or email, or recorded as told by phone."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.referrals import forms, services
from opendsr.referrals.models import LetterKind
from opendsr.referrals.views.common import referral_form, referral_or_404
from opendsr.referrals.views.letters import initial_letter, letter_page, waiting
from opendsr.register.models import DecidedRating
from opendsr.web.today import today as get_today


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def outcome(request, referral_pk):
    referral = referral_or_404(request, referral_pk)
    decision = services.latest_decision(referral)
    if decision is None:
        messages.info(request, "Decide their rating before you send the outcome.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    if waiting(referral, [LetterKind.OUTCOME_ELIGIBLE, LetterKind.OUTCOME_NOT_ELIGIBLE]):
        messages.info(request, "The outcome is waiting to be emailed.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    not_eligible = decision.rating == DecidedRating.NOT_ELIGIBLE
    form_class = forms.NotEligibleForm if not_eligible else forms.LetterForm
    initial = initial_letter(referral)
    if not_eligible:
        initial["not_eligible_reason"] = referral.not_eligible_reason or decision.rationale
        initial["signposting"] = referral.signposting
    form = form_class(request.POST or None, initial=initial, recipients=services.recipients_for(referral))
    return letter_page(
        request,
        referral,
        kind=LetterKind.OUTCOME_NOT_ELIGIBLE if not_eligible else LetterKind.OUTCOME_ELIGIBLE,
        form=form,
        title="Send the outcome",
        call=lambda data: services.send_outcome(
            referral=referral,
            by=request.user,
            recipients=data["recipients"],
            method=data["method"],
            sent_on=data["sent_on"],
            not_eligible_reason=data.get("not_eligible_reason", ""),
            signposting=data.get("signposting", ""),
            easy_read=data.get("version") == "easy_read",
            request=request,
        ),
        done="The outcome is recorded.",
    )


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def outcome_phone(request, referral_pk):
    referral = referral_or_404(request, referral_pk)
    if services.latest_decision(referral) is None:
        messages.info(request, "Decide their rating before you tell them the outcome.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    return referral_form(
        request,
        referral_pk,
        form_class=forms.OutcomeByPhoneForm,
        template="referrals/outcome_phone.jinja",
        initial={"told_on": get_today()},
        call=lambda referral, data: services.record_outcome_by_phone(
            person=referral.person, referral=referral, by=request.user, request=request, **data
        ),
        success="The outcome is recorded as told by phone.",
        extra={"decision": services.latest_decision(referral)},
    )
