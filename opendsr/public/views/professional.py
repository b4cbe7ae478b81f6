"""A professional's referral on the public pages (s3, s5): one form, then the link emailed to their work address,
which they follow to confirm it and send the referral. Until then nothing reaches the inbox."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from opendsr.public import forms, queries, rules, services
from opendsr.public.forms.professional import ABOUT_THEM, ABOUT_YOU, THE_REFERRAL
from opendsr.public.services import professional as pending_referrals
from opendsr.public.views.pages import context
from opendsr.public.views.self_referral import HONEYPOT, refusal_page
from opendsr.web.forms import show_refusal


def _started(front_door) -> str:
    return f"public_professional_started:{front_door.icb_id}"


def _emailed(front_door) -> str:
    return f"public_professional_emailed:{front_door.icb_id}"


@never_cache
@require_http_methods(["GET", "POST"])
def professional(request, ods_code):
    front_door = queries.front_door(ods_code)
    request.session.setdefault(_started(front_door), timezone.now().isoformat())
    form = forms.ProfessionalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        refused = refusal_page(request, front_door, started=request.session.get(_started(front_door)))
        if refused is not None:
            return refused
        services.start_professional_referral(
            front_door=front_door,
            answers=form.cleaned_data,
            site=f"{request.scheme}://{request.get_host()}",
            request=request,
        )
        request.session.pop(_started(front_door), None)
        request.session[_emailed(front_door)] = form.cleaned_data["referrer_email"]
        return redirect("public:professional_emailed", ods_code=front_door.icb.ods_code)
    return render(
        request,
        "public/professional.jinja",
        context(
            front_door,
            form=form,
            honeypot=HONEYPOT,
            sections=[
                ("About you", ABOUT_YOU),
                ("The person you are referring", ABOUT_THEM),
                ("Your referral", THE_REFERRAL),
            ],
        ),
    )


@never_cache
def emailed(request, ods_code):
    front_door = queries.front_door(ods_code)
    address = request.session.get(_emailed(front_door))
    if not address:
        return redirect("public:professional", ods_code=front_door.icb.ods_code)
    return render(request, "public/professional_emailed.jinja", context(front_door, address=address))


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, ods_code, token):
    """The page the emailed link opens. Following the link only shows a button: a program that opens links in
    emails to check them (as many mail systems do) cannot use it up; the professional presses the button."""
    front_door = queries.front_door(ods_code)
    if request.method == "POST":
        try:
            state, online = services.confirm_professional_referral(
                front_door=front_door, token=token, request=request
            )
        except ValidationError as error:
            form = forms.Question()
            show_refusal(form, error)
            messages.warning(request, " ".join(form.non_field_errors()) or "The referral could not be sent")
            return render(request, "public/link_problem.jinja", context(front_door, state="refused"))
        if online is not None:
            request.session[f"public_sent:{front_door.icb_id}"] = {
                "reference": online.reference,
                "me": False,
                "professional": True,
            }
            return redirect("public:sent", ods_code=front_door.icb.ods_code)
    else:
        pending, state = pending_referrals.find(token)
        if pending is not None and pending.icb_id != front_door.icb_id:
            state = rules.LinkState.UNKNOWN
    if state != rules.LinkState.VALID:
        return render(request, "public/link_problem.jinja", context(front_door, state=state.value))
    return render(request, "public/professional_confirm.jinja", context(front_door))
