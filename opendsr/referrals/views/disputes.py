"""A decision disputed, the dispute decided, a referral withdrawn."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.referrals import forms, services
from opendsr.referrals.views.common import referral_form
from opendsr.web.today import today as get_today


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def dispute(request, referral_pk):
    return referral_form(
        request,
        referral_pk,
        form_class=forms.DisputeForm,
        template="referrals/dispute.jinja",
        initial={"disputed_on": get_today()},
        call=lambda referral, data: services.record_dispute(
            referral=referral, by=request.user, request=request, **data
        ),
        success="The dispute is recorded. Record its outcome when it has been decided.",
    )


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def dispute_outcome(request, referral_pk):
    return referral_form(
        request,
        referral_pk,
        form_class=forms.DisputeOutcomeForm,
        template="referrals/dispute_outcome.jinja",
        initial={"decided_on": get_today()},
        call=lambda referral, data: services.decide_dispute(
            referral=referral, by=request.user, request=request, **data
        ),
        success="The outcome of the dispute is recorded.",
    )


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def withdraw(request, referral_pk):
    return referral_form(
        request,
        referral_pk,
        form_class=forms.WithdrawForm,
        template="referrals/withdraw.jinja",
        call=lambda referral, data: services.withdraw_referral(
            referral=referral, by=request.user, request=request, **data
        ),
        success="The referral is withdrawn. It stays on their record, marked as withdrawn.",
    )
