"""What the meeting and escalation pages share: a page with one form, which calls a service and shows its
refusal on the form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from opendsr.web.forms import show_refusal


def form_page(
    request,
    *,
    form,
    heading,
    call,
    success,
    redirect_to,
    back,
    caption="",
    lead="",
    submit="Save",
    warning="",
    extra=None,
):
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
    return render(
        request,
        "meetings/_form.jinja",
        {
            "form": form,
            "heading": heading,
            "caption": caption,
            "lead": lead,
            "submit": submit,
            "back": back,
            "warning": warning,
            **(extra or {}),
        },
    )
