"""Recording a new referral, for someone on the register or a new person once the matches are checked."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access
from opendsr.accounts.access import Action, requires
from opendsr.referrals import forms, services
from opendsr.register.views.duplicates import confirmed_new, matches_before_adding
from opendsr.web.forms import show_refusal as _apply
from opendsr.web.params import whole_number
from opendsr.web.today import today as get_today


def _person_for_new(request):
    pk = request.POST.get("person") or request.GET.get("person") or ""
    if not pk:
        return None
    return access.person_for(request.user, whole_number(pk, default=0), Action.MANAGE_REFERRALS)


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def new(request):
    person = _person_for_new(request)
    post = request.POST if request.method == "POST" else None
    referral_form = forms.ReferralForm(post, initial={"received_on": get_today()})
    person_form = None if person else forms.NewPersonForm(post, user=request.user)
    matches = None
    if post is not None and referral_form.is_valid() and (person_form is None or person_form.is_valid()):
        fields = referral_form.cleaned_data
        person_fields = dict(person_form.cleaned_data) if person_form else None
        team = person_fields.pop("team") if person_fields else None
        attach = request.POST.get("attach", "")
        if person is None and attach:
            person = access.person_for(request.user, whole_number(attach, default=0), Action.MANAGE_REFERRALS)
            person_fields = None
        if person is None:
            matches = matches_before_adding(request, person_fields, where="referral")
        if not matches:
            try:
                referral = services.record_referral(
                    icb=request.user.icb,
                    by=request.user,
                    person=person,
                    person_fields=person_fields,
                    team=team if person is None else None,
                    allow_duplicate=confirmed_new(request),
                    request=request,
                    **fields,
                )
            except ValidationError as error:
                target = (
                    person_form if person_form is not None and _names_person_field(error) else referral_form
                )
                _apply(target, error)
            else:
                if not access.people_for(request.user).filter(pk=referral.person_id).exists():
                    # Given to another team: theirs to acknowledge, and no longer this user's to open.
                    owner = referral.person.team.name if referral.person.team else "the DSR lead to allocate"
                    messages.success(
                        request,
                        f"The referral for {referral.person.full_name} is recorded and passed to {owner}.",
                    )
                    return redirect("referrals:inbox")
                messages.success(
                    request,
                    f"The referral for {referral.person.full_name} is recorded. Acknowledge it next.",
                )
                return redirect("referrals:detail", referral_pk=referral.pk)
    return render(
        request,
        "referrals/new.jinja",
        {
            "form": referral_form,
            "person_form": person_form,
            "person": person,
            "matches": matches,
        },
    )


def _names_person_field(error: ValidationError) -> bool:
    return hasattr(error, "error_dict") and bool(set(error.error_dict) & set(forms.NewPersonForm.base_fields))
