"""Adding and changing a person, their page, and allocating them to a team and a case manager."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.register import forms, queries
from opendsr.register.contributions import person_panels
from opendsr.register.edit_conflicts import EditConflict
from opendsr.register.services.people import allocate as allocate_person
from opendsr.register.services.people import create_person, update_person
from opendsr.register.views.common import _conflict_page, _person
from opendsr.register.views.duplicates import matches_before_adding
from opendsr.web.form_pages import form_page
from opendsr.web.forms import show_refusal as _apply
from opendsr.web.jinja import url_or_none


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
        duplicates = matches_before_adding(request, data, where="register")
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
    return form_page(
        request,
        form,
        template="register/allocate.jinja",
        call=lambda data: allocate_person(person=person, by=request.user, request=request, **data),
        success=lambda _: f"{person.full_name} is allocated to {form.cleaned_data['team'].name}.",
        redirect_to=reverse("register:detail", kwargs={"pk": person.pk}),
        context={"person": person},
    )
