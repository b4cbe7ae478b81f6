"""Acknowledging a referral."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.referrals import forms, services
from opendsr.referrals.models import LetterKind
from opendsr.referrals.views.common import referral_or_404
from opendsr.referrals.views.letters import initial_letter, letter_page, waiting


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def acknowledge(request, referral_pk):
    referral = referral_or_404(request, referral_pk)
    if referral.acknowledged_on is not None:
        messages.info(request, "This referral has already been acknowledged.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    if waiting(referral, [LetterKind.ACKNOWLEDGEMENT]):
        messages.info(request, "The acknowledgement is waiting to be emailed.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    form = forms.LetterForm(
        request.POST or None, initial=initial_letter(referral), recipients=services.recipients_for(referral)
    )
    return letter_page(
        request,
        referral,
        kind=LetterKind.ACKNOWLEDGEMENT,
        form=form,
        title="Acknowledge the referral",
        call=lambda data: services.acknowledge(
            referral=referral,
            by=request.user,
            recipients=data["recipients"],
            method=data["method"],
            sent_on=data["sent_on"],
            easy_read=data.get("version") == "easy_read",
            request=request,
        ),
        done="The acknowledgement is recorded.",
    )
