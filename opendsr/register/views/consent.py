"""Recording consent, checking it, its withdrawal, and a refusal."""

from __future__ import annotations

import functools

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.policy.rules.consent import RECHECK_CONSENT
from opendsr.register import forms, queries
from opendsr.register.services.consent import (
    consent_rule_for,
    record_consent,
    record_consent_check,
    record_consent_refused,
    withdraw_consent,
)
from opendsr.register.views.common import _person
from opendsr.web.form_pages import form_page
from opendsr.web.formatting import timescale
from opendsr.web.today import today as get_today


@requires(Action.MANAGE_CONSENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def consent(request, pk):
    person = _person(request, pk, Action.MANAGE_CONSENT)
    rule = consent_rule_for(person)
    form = forms.ConsentForm(
        request.POST or None,
        allowed=rule.allowed,
        initial={"given_on": get_today(), "scope": ["inclusion", "information_sharing", "cetr"]},
    )
    return form_page(
        request,
        form,
        template="register/consent.jinja",
        call=lambda data: record_consent(person=person, by=request.user, request=request, **data),
        success=f"Consent is recorded. We will remind you to check it again in {timescale(RECHECK_CONSENT)}.",
        redirect_to=reverse("register:detail", kwargs={"pk": person.pk}),
        context={"person": person, "rule": rule},
    )


def _simple_form(request, pk, *, form_class, template, call, success, initial=None, context=None):
    person = _person(request, pk, Action.MANAGE_CONSENT)
    return form_page(
        request,
        form_class(request.POST or None, initial=initial or {}),
        template=template,
        call=lambda data: call(person, data),
        success=success,
        redirect_to=reverse("register:detail", kwargs={"pk": person.pk}),
        context={"person": person, **(context or {})},
    )


@requires(Action.MANAGE_CONSENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def consent_check(request, pk):
    person = _person(request, pk, Action.MANAGE_CONSENT)
    return _simple_form(
        request,
        pk,
        form_class=functools.partial(forms.ConsentCheckForm, allowed=consent_rule_for(person).allowed),
        template="register/consent_check.jinja",
        initial={"checked_on": get_today(), "given_by": queries.latest_given_by(person)},
        call=lambda person, data: record_consent_check(
            person=person, by=request.user, request=request, **data
        ),
        success=f"The consent check is recorded. The next check is due in {timescale(RECHECK_CONSENT)}.",
    )


@requires(Action.MANAGE_CONSENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk):
    return _simple_form(
        request,
        pk,
        form_class=forms.ConsentWithdrawForm,
        template="register/consent_withdraw.jinja",
        initial={"withdrawn_on": get_today()},
        call=lambda person, data: withdraw_consent(person=person, by=request.user, request=request, **data),
        success="The withdrawal of consent is recorded, with what happens next.",
    )


@requires(Action.MANAGE_CONSENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def consent_refused(request, pk):
    return _simple_form(
        request,
        pk,
        form_class=forms.ConsentRefusedForm,
        template="register/consent_refused.jinja",
        call=lambda person, data: record_consent_refused(
            person=person, by=request.user, request=request, **data
        ),
        success="That consent was not given is recorded.",
    )
