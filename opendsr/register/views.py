"""The register's pages: the list, adding and changing a person, their page, ratings, consent, carers, leaving
the register, and the risk instruments. Each view checks access, calls a query or a service, and renders."""

from __future__ import annotations

import datetime as dt
import functools
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.register import forms, queries
from opendsr.register.contributions import person_panels
from opendsr.register.edit_conflicts import EditConflict
from opendsr.register.models import DecidedRating, ExitReason, Person, RegisterStatus
from opendsr.register.services.carers import CARER_FIELDS, add_carer, update_carer
from opendsr.register.services.consent import (
    consent_rule_for,
    record_consent,
    record_consent_check,
    record_consent_refused,
    withdraw_consent,
)
from opendsr.register.services.instruments import add_instrument_version
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.services.people import allocate as allocate_person
from opendsr.register.services.people import check_for_duplicates, create_person, update_person
from opendsr.register.services.rating import record_outcome_told, record_rating
from opendsr.web import exports
from opendsr.web.formatting import nhs_date, nhs_number
from opendsr.web.forms import field_id
from opendsr.web.forms import show_refusal as _apply
from opendsr.web.jinja import url_or_none
from opendsr.web.params import whole_number
from opendsr.web.presenters import rating_tag
from opendsr.web.today import today as get_today

PAGE_SIZE = 25


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _person(request, pk, action=Action.VIEW_PERSON) -> Person:
    return access.person_for(request.user, pk, action)


# ---------------------------------------------------------------------------------------------- the list


def _search(request):
    form = forms.RegisterSearchForm(request.GET or None, teams=queries.teams_for(request.user))
    filters = form.filters()
    return form, filters, queries.register_for(request.user, filters)


@requires(Action.VIEW_REGISTER)
def register_list(request):
    form, filters, people = _search(request)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    today = get_today()
    audit.listed(
        request,
        "the register",
        people=page.object_list,
        filters={**filters.described(), "page": page.number},
    )
    return render(
        request,
        "register/list.jinja",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": queries.rows(page.object_list, today),
            "query": _query_without_page(request),
            "export_query": request.GET.urlencode(),
            "can_export": access.allowed(request.user, Action.EXPORT_REGISTER),
            "can_add": access.allowed(request.user, Action.EDIT_PERSON),
        },
    )


EXPORT_COLUMNS = [
    "NHS number",
    "First name",
    "Last name",
    "Date of birth",
    "Pathway",
    "Rating",
    "Rating decided",
    "Status",
    "Setting",
    "Team",
    "Case manager",
    "Consent",
]


def _export_values(row) -> list:
    p = row.person
    return [
        nhs_number(p.nhs_number, ""),
        p.given_name,
        p.family_name,
        p.date_of_birth,
        row.pathway,
        row.tag.text,
        p.rating_decided_on,
        p.get_status_display(),
        p.get_location_display(),
        p.team.name if p.team else "",
        p.case_manager.display_name if p.case_manager else "",
        row.consent,
    ]


@requires(Action.EXPORT_REGISTER)
def register_export(request, fmt):
    if fmt not in (exports.CSV, exports.EXCEL):
        raise Http404("No such format")
    _form, filters, people = _search(request)
    rows = queries.rows(people.iterator(chunk_size=2000), get_today())
    return exports.download(
        request,
        fmt=fmt,
        name=f"opendsr-register-{timezone.localtime():%Y-%m-%d}",
        sheet_title="Register",
        columns=EXPORT_COLUMNS,
        rows=[_export_values(row) for row in rows],
        action="register.exported",
        summary=f"Exported {len(rows)} {'person' if len(rows) == 1 else 'people'} from the register",
        people=[row.person.pk for row in rows],
        detail={"filters": filters.described()},
    )


# ---------------------------------------------------------------------------------------- add and change


def _person_fields(form) -> tuple[dict, object]:
    data = {name: form.cleaned_data[name] for name in forms.PERSON_FORM_FIELDS}
    team = data.pop("team")
    return data, team


@requires(Action.EDIT_PERSON)
@require_http_methods(["GET", "POST"])
def person_new(request):
    form = forms.PersonForm(request.POST or None, user=request.user)
    duplicates = None
    if request.method == "POST" and form.is_valid():
        data, team = _person_fields(form)
        if request.POST.get("confirm_new") != "yes":
            duplicates = check_for_duplicates(
                by=request.user,
                where="register",
                request=request,
                nhs_number=data["nhs_number"],
                family_name=data["family_name"],
                given_name=data["given_name"],
                date_of_birth=data["date_of_birth"],
            )
        if not duplicates:
            try:
                person = create_person(
                    icb=request.user.icb, by=request.user, team=team, request=request, **data
                )
            except ValidationError as error:
                _apply(form, error)
            else:
                messages.success(
                    request, f"{person.full_name} has been added. Record their consent and rating next."
                )
                return redirect("register:detail", pk=person.pk)
    return render(
        request, "register/person_form.jinja", {"form": form, "person": None, "duplicates": duplicates}
    )


def _shown(form_field, value) -> str:
    """A field's value as a user reads it, for the page that shows two people's changes side by side."""
    if value is None or value == "":
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return nhs_date(value)
    choices = dict(getattr(form_field, "choices", None) or ())
    if not hasattr(value, "pk") and value in choices:
        return str(choices[value])
    return str(value)


def _conflict_page(form_class, conflict, **form_kwargs):
    """The form again, filled with what the user typed and the changes others made to other fields, carrying
    the version saved now; and each field both changed, with both values."""
    form = form_class(initial={**conflict.merged, "version": conflict.version}, **form_kwargs)
    rows = [
        {
            "label": form.fields[c.name].label,
            "anchor": field_id(form[c.name]),
            "mine": _shown(form.fields[c.name], c.mine),
            "saved": _shown(form.fields[c.name], c.saved),
        }
        for c in conflict.conflicts
    ]
    return form, rows


@requires(Action.EDIT_PERSON, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    person = _person(request, pk, Action.EDIT_PERSON)
    form = forms.PersonForm(
        request.POST or None, user=request.user, initial=forms.PersonForm.initial_for(person)
    )
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data, team = _person_fields(form)
        try:
            changed = update_person(
                person=person,
                by=request.user,
                team=team,
                version=form.cleaned_data["version"],
                request=request,
                **data,
            )
        except EditConflict as conflict:
            form, conflicts = _conflict_page(forms.PersonForm, conflict, user=request.user)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, "Your changes are saved." if changed else "Nothing was changed.")
            return redirect("register:detail", pk=person.pk)
    return render(
        request,
        "register/person_form.jinja",
        {"form": form, "person": person, "duplicates": None, "conflicts": conflicts},
    )


# ------------------------------------------------------------------------------------------ the person page


@requires(Action.VIEW_RECORD, person_kwarg="pk")
def person_detail(request, pk):
    person = _person(request, pk, Action.VIEW_RECORD)
    audit.record(request, "person.viewed", person=person, summary=f"Viewed {person.full_name}'s record")
    user = request.user
    context = {
        "person": person,
        **queries.person_page(person),
        "panels": person_panels(request, person),
        "may": {action.value: access.allowed(user, action) for action in Action},
        "record_event_url": url_or_none("oversight:record_event", person.pk),
    }
    return render(request, "register/person.jinja", context)


# ------------------------------------------------------------------------------------------------ rating


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
    if request.method == "POST" and form.is_valid():
        try:
            record_outcome_told(decision=decision, by=request.user, request=request, **form.values())
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, f"Telling {person.given_name} the rating is recorded.")
            return redirect("register:detail", pk=person.pk)
    return render(
        request,
        "register/tell_outcome.jinja",
        {
            "person": person,
            "decision": decision,
            "form": form,
            "told": list(decision.communications.all()),
            "referral_url": url_or_none("referrals:detail", decision.referral_id)
            if decision.referral_id
            else None,
        },
    )


# ------------------------------------------------------------------------------------------------ consent


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
    if request.method == "POST" and form.is_valid():
        try:
            record_consent(
                person=person,
                by=request.user,
                scope=form.cleaned_data["scope"],
                given_by=form.cleaned_data["given_by"],
                given_on=form.cleaned_data["given_on"],
                capacity_notes=form.cleaned_data["capacity_notes"],
                best_interests_record=form.cleaned_data["best_interests_record"],
                notes=form.cleaned_data["notes"],
                request=request,
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(
                request, "Consent is recorded. We will remind you to check it again in 12 months."
            )
            return redirect("register:detail", pk=person.pk)
    return render(request, "register/consent.jinja", {"person": person, "form": form, "rule": rule})


def _simple_form(request, pk, *, form_class, template, call, success, initial=None, context=None):
    person = _person(request, pk, Action.MANAGE_CONSENT)
    form = form_class(request.POST or None, initial=initial or {})
    if request.method == "POST" and form.is_valid():
        try:
            call(person, form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, success)
            return redirect("register:detail", pk=person.pk)
    return render(request, template, {"person": person, "form": form, **(context or {})})


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
        success="The consent check is recorded. The next check is due in 12 months.",
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
        success="The withdrawal of consent is recorded. Decide whether they should leave the register.",
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


# ------------------------------------------------------------------------------------------------- carers


@requires(Action.EDIT_PERSON, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def carer_add(request, pk):
    person = _person(request, pk, Action.EDIT_PERSON)
    form = forms.CarerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            carer = add_carer(person=person, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, f"{carer.name} is added as a carer.")
            return redirect("register:detail", pk=person.pk)
    return render(request, "register/carer_form.jinja", {"person": person, "form": form, "carer": None})


@requires(Action.EDIT_PERSON, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def carer_edit(request, pk, carer_pk):
    person = _person(request, pk, Action.EDIT_PERSON)
    carer = person.carers.filter(pk=carer_pk).first()
    if carer is None:
        raise Http404("No such carer")
    initial = {**{name: getattr(carer, name) for name in CARER_FIELDS}, "version": carer.version}
    form = forms.CarerForm(request.POST or None, initial=initial, editing=True)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            update_carer(carer=carer, by=request.user, version=version, request=request, **data)
        except EditConflict as conflict:
            form, conflicts = _conflict_page(forms.CarerForm, conflict, editing=True)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, f"The changes to {carer.name} are saved.")
            return redirect("register:detail", pk=person.pk)
    return render(
        request,
        "register/carer_form.jinja",
        {"person": person, "form": form, "carer": carer, "conflicts": conflicts},
    )


# ------------------------------------------------------------------------------------------- allocating


@requires(Action.ALLOCATE, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def allocate(request, pk):
    person = _person(request, pk, Action.ALLOCATE)
    form = forms.AllocateForm(
        request.POST or None,
        user=request.user,
        initial={"team": person.team or request.user.team, "case_manager": person.case_manager},
    )
    if request.method == "POST" and form.is_valid():
        try:
            allocate_person(person=person, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, f"{person.full_name} is allocated to {form.cleaned_data['team'].name}.")
            return redirect("register:detail", pk=person.pk)
    return render(request, "register/allocate.jinja", {"person": person, "form": form})


# -------------------------------------------------------------------------------------- leaving the register


@requires(Action.REMOVE_FROM_REGISTER, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def leave(request, pk):
    person = _person(request, pk, Action.REMOVE_FROM_REGISTER)
    if person.status == RegisterStatus.LEFT:
        messages.info(request, f"{person.full_name} has already left the register.")
        return redirect("register:detail", pk=person.pk)
    form = forms.LeaveForm(request.POST or None, initial={"left_on": get_today()})
    confirming = False
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") == "yes":
            try:
                remove_from_register(person=person, by=request.user, request=request, **form.cleaned_data)
            except ValidationError as error:
                _apply(form, error)
            else:
                messages.success(
                    request,
                    f"{person.full_name} has left the register. Their record stays and can still be read.",
                )
                return redirect("register:detail", pk=person.pk)
        else:
            confirming = True
    return render(
        request,
        "register/leave.jinja",
        {
            "person": person,
            "form": form,
            "confirming": confirming,
            "reason_label": dict(ExitReason.choices).get(form.cleaned_data.get("reason"), "")
            if confirming
            else "",
        },
    )


# -------------------------------------------------------------------------------------------- instruments


@requires(Action.MANAGE_INSTRUMENTS)
def instruments(request):
    return render(
        request, "register/instruments.jinja", {"instruments": queries.instruments_for(request.user)}
    )


@requires(Action.MANAGE_INSTRUMENTS)
def instrument(request, instrument_pk):
    version = queries.instrument_for(request.user, instrument_pk)
    return render(request, "register/instrument.jinja", {"instrument": version})


@requires(Action.MANAGE_INSTRUMENTS)
def instrument_export(request, instrument_pk):
    version = queries.instrument_for(request.user, instrument_pk)
    response = HttpResponse(
        json.dumps(version.data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    filename = f"{version.slug}-version-{version.version}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _saved_instrument(request, form, data):
    try:
        version = add_instrument_version(icb=request.user.icb, by=request.user, data=data, request=request)
    except ValidationError as error:
        _apply(form, error)
        return None
    messages.success(request, f"Version {version.version} of {version.name} is now in use.")
    return redirect("register:instrument", instrument_pk=version.pk)


@requires(Action.MANAGE_INSTRUMENTS)
@require_http_methods(["GET", "POST"])
def instrument_add(request):
    start = request.GET.get("from", "")
    base = queries.instrument_for(request.user, start).data if whole_number(start) is not None else None
    post = request.POST if request.method == "POST" else None
    adding = post is not None and "add_question" in post
    editor = forms.InstrumentEditor(post, instrument=base, extra_question=adding)
    if post is not None and not adding and editor.is_valid():
        done = _saved_instrument(request, editor.details, editor.instrument_data())
        if done:
            return done
    return render(request, "register/instrument_form.jinja", {"editor": editor, "start": start})


@requires(Action.MANAGE_INSTRUMENTS)
@require_http_methods(["GET", "POST"])
def instrument_import(request):
    form = forms.InstrumentImportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _saved_instrument(request, form, form.cleaned_data["data"])
        if done:
            return done
    return render(request, "register/instrument_import.jinja", {"form": form})
