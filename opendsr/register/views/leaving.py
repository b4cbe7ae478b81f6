"""A person leaving the register."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.register import forms
from opendsr.register.models import ExitReason, RegisterStatus
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.views.common import _person
from opendsr.web.forms import show_refusal as _apply
from opendsr.web.today import today as get_today


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
