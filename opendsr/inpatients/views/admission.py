"""Pages for the admission: recording it, correcting it, a move to another hospital or ward, and an
inadequate CQC rating of the ward."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.inpatients import queries, services
from opendsr.inpatients.forms import (
    AdmissionForm,
    TransferForm,
    WardRatingForm,
)
from opendsr.inpatients.models import ReviewBeforeAdmission
from opendsr.inpatients.views.common import _admission, _page, _person, _record_url
from opendsr.policy.rules.admission import COMMUNITY_REVIEW_LOOKBACK, TRANSFER_CETR
from opendsr.web.form_pages import submit
from opendsr.web.formatting import timescale
from opendsr.web.today import today as get_today


def _review_hint(person, on) -> str:
    found = queries.review_before_admission(person, on) if on else None
    lookback = timescale(COMMUNITY_REVIEW_LOOKBACK)  # Table 2: a community C(E)TR "prior to admission"
    if found:
        label = dict(ReviewBeforeAdmission.choices)[found]
        return f"The timeline shows {label[:1].lower()}{label[1:]} in the {lookback} before the admission."
    return f"The timeline shows neither in the {lookback} before the admission: answer from what you know."


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def admit(request, pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    today = get_today()
    if queries.current_admission(person) is not None:
        messages.info(
            request, f"{person.full_name} is already in hospital: record a move or a discharge here."
        )
        return redirect(_record_url(person))
    bare = queries.unrecorded_admission(person)
    on = bare.date if bare else today
    initial = {
        "admitted_on": on,
        "review_before": queries.review_before_admission(person, on) or ReviewBeforeAdmission.NEITHER,
        "liberty_safeguards": "none",
    }
    if bare is not None:
        initial.update({k: v for k, v in bare.data.items() if k in ("setting", "route")})
    form = AdmissionForm(request.POST or None, initial=initial, review_hint=_review_hint(person, on))
    done = submit(
        request,
        form,
        lambda data: services.record_admission(person=person, by=request.user, request=request, **data),
        success=f"{person.full_name}'s admission is recorded. They are now rated blue while in hospital.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    rating = queries.rating_before(person, on)
    return _page(
        request, "admission_form.jinja", person, form, bare=bare, rating_before=rating, editing=False
    )


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def admission_edit(request, pk, admission_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    admission = _admission(person, admission_pk)
    moved = admission.transfers.exists()
    initial = {name: getattr(admission, name) for name in services.ADMISSION_FIELDS}
    if initial["mha_since"] == admission.admitted_on:
        initial["mha_since"] = None
    form = AdmissionForm(
        request.POST or None,
        initial=initial,
        review_hint=_review_hint(person, admission.admitted_on),
        moved=moved,
    )
    values = {
        n: getattr(admission, n) for n in ("hospital", "provider", "provider_ods_code", "ward", "setting")
    }
    done = submit(
        request,
        form,
        lambda data: services.update_admission(
            admission=admission, by=request.user, request=request, **{**values, **data}
        ),
        success="The admission is updated.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    return _page(
        request, "admission_form.jinja", person, form, admission=admission, editing=True, moved=moved
    )


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def transfer(request, pk, admission_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    admission = _admission(person, admission_pk)
    form = TransferForm(
        request.POST or None, initial={"moved_on": get_today(), "provider": admission.provider}
    )
    done = submit(
        request,
        form,
        lambda data: services.record_transfer(admission=admission, by=request.user, request=request, **data),
        success=f"The move is recorded. A C(E)TR is due within {timescale(TRANSFER_CETR)} of it.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    return _page(request, "transfer.jinja", person, form, admission=admission)


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def ward_rating(request, pk, admission_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    admission = _admission(person, admission_pk)
    form = WardRatingForm(request.POST or None, initial={"ward": admission.ward})
    done = submit(
        request,
        form,
        lambda data: services.record_ward_rating(
            admission=admission, by=request.user, request=request, **data
        ),
        success="The inadequate CQC rating is recorded. The ICS oversight panel will review their care.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    return _page(request, "ward_rating.jinja", person, form, admission=admission)
