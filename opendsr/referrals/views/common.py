"""What the referral pages share: the referral a user may open (audited), a letter, a one-form page."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action
from opendsr.referrals import queries
from opendsr.referrals.models import Letter
from opendsr.web.form_pages import form_page
from opendsr.web.params import whole_number


def referral_or_404(request, referral_pk):
    referral = queries.referral_for(request.user, referral_pk)
    access.require(request.user, Action.MANAGE_REFERRALS)
    audit.shows(request, referral.person)
    return referral


def letter_or_404(request, letter_pk) -> Letter:
    letter = Letter.objects.filter(pk=whole_number(letter_pk, default=0)).first()
    if letter is None:
        raise Http404("No such letter")
    referral_or_404(request, letter.referral_id)  # 404 unless the user may see the person
    return letter


def referral_form(request, referral_pk, *, form_class, template, call, success, initial=None, extra=None):
    referral = referral_or_404(request, referral_pk)
    return form_page(
        request,
        form_class(request.POST or None, initial=initial or {}),
        template=template,
        call=lambda data: call(referral, data),
        success=success,
        redirect_to=reverse("referrals:detail", kwargs={"referral_pk": referral.pk}),
        context={"referral": referral, "person": referral.person, **(extra or {})},
    )
