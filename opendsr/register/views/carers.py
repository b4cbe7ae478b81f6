"""Adding and changing a carer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.register import forms, queries
from opendsr.register.edit_conflicts import EditConflict
from opendsr.register.services.carers import CARER_FIELDS, add_carer, update_carer
from opendsr.register.views.common import _conflict_page, _person
from opendsr.web.form_pages import form_page
from opendsr.web.forms import show_refusal as _apply


@requires(Action.EDIT_PERSON, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def carer_add(request, pk):
    person = _person(request, pk, Action.EDIT_PERSON)
    return form_page(
        request,
        forms.CarerForm(request.POST or None),
        template="register/carer_form.jinja",
        call=lambda data: add_carer(person=person, by=request.user, request=request, **data),
        success=lambda carer: f"{carer.name} is added as a carer.",
        redirect_to=reverse("register:detail", kwargs={"pk": person.pk}),
        context={"person": person, "carer": None},
    )


@requires(Action.EDIT_PERSON, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def carer_edit(request, pk, carer_pk):
    person = _person(request, pk, Action.EDIT_PERSON)
    carer = queries.carer_of(person, carer_pk)
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
