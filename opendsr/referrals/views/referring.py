"""A professional refers someone they can see to the DSR team (s3): the referral lands in the inbox, with every
referral clock, for the DSR team to acknowledge; the professional goes back to the person's page."""

from __future__ import annotations

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access
from opendsr.accounts.access import Action, requires
from opendsr.referrals import forms, services
from opendsr.referrals.models import Channel, Source
from opendsr.web.form_pages import form_page
from opendsr.web.formatting import timescales
from opendsr.web.today import today as get_today


def _referrer(user) -> dict:
    return {
        "referrer_name": user.get_full_name() or user.email,
        "referrer_role": user.job_title or user.get_profession_display(),
        "referrer_organisation": str(user.organisation or user.icb or ""),
        "referrer_email": user.email,
        "referrer_phone": getattr(user, "phone", "") or "",
    }


@requires(Action.RECORD_REFERRAL, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def refer(request, person_pk):
    person = access.person_for(request.user, person_pk, Action.RECORD_REFERRAL)
    return form_page(
        request,
        forms.ReferSomeoneForm(request.POST if request.method == "POST" else None),
        template="referrals/refer.jinja",
        call=lambda data: services.record_referral(
            icb=person.icb,
            by=request.user,
            person=person,
            received_on=get_today(),
            source=Source.PROFESSIONAL,
            channel=Channel.IN_APP,
            request=request,
            **_referrer(request.user),
            **data,
        ),
        success=f"Your referral for {person.full_name} is sent to the DSR team. They will acknowledge it within "
        f"{timescales()['acknowledge_referral']}.",
        redirect_to=reverse("register:detail", kwargs={"pk": person.pk}),
        context={"person": person, "referrer": _referrer(request.user)},
    )
