"""A page with one form, the same in every room: show the form; on a valid POST call the service with the
answers, say that it is done and go on to the next page; when the service refuses, show why on the form (in
the error summary and against the field it names) with what was typed kept. The service is atomic, so a
refusal leaves nothing half-saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from opendsr.web.forms import show_refusal


def _refuse(form, error: ValidationError) -> None:
    """A form that asks a value in other fields than the service names (hours and minutes for a length, say)
    puts the refusal where the user can see it by itself."""
    refuse = getattr(form, "refuse", None)
    if refuse is not None:
        refuse(error)
    else:
        show_refusal(form, error)


def submit(
    request,
    form,
    call: Callable[[dict], Any],
    *,
    success: str | Callable[[Any], str],
    redirect_to: str | Callable[[Any], str],
) -> HttpResponse | None:
    """On a valid POST, `call` the service with the form's cleaned answers, say `success` and redirect to
    `redirect_to` (either may be worked out from what the service returned). None when the page is to be shown
    again: a GET, answers that are not valid, or the service's refusal, which is now on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except ValidationError as error:
        _refuse(form, error)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)


def form_page(
    request,
    form,
    *,
    template: str,
    call: Callable[[dict], Any],
    success: str | Callable[[Any], str],
    redirect_to: str | Callable[[Any], str],
    context: dict | Callable[[], dict] | None = None,
) -> HttpResponse:
    """The whole page: `submit`, or else render `template` with the form and `context` (worked out only when
    the page is shown, when it is a callable)."""
    done = submit(request, form, call, success=success, redirect_to=redirect_to)
    if done is not None:
        return done
    extra = context() if callable(context) else context
    return render(request, template, {"form": form, **(extra or {})})


def headed_form_page(
    request,
    form,
    *,
    template: str,
    heading: str,
    call: Callable[[dict], Any],
    success: str | Callable[[Any], str],
    redirect_to: str | Callable[[Any], str],
    caption: str = "",
    lead: str = "",
    submit: str = "Save",
    back: str | None = None,
    warning: str = "",
    extra: dict | None = None,
) -> HttpResponse:
    """`form_page` for a room's shared form template: a heading with a caption above it, a lead paragraph, a
    warning callout when there is one, the submit button's words and a back link."""
    return form_page(
        request,
        form,
        template=template,
        call=call,
        success=success,
        redirect_to=redirect_to,
        context={
            "heading": heading,
            "caption": caption,
            "lead": lead,
            "submit": submit,
            "back": back,
            "warning": warning,
            **(extra or {}),
        },
    )


def one_step(request, call: Callable[[], Any], success: str | Callable[[Any], str]) -> Any:
    """What a single button asks (no form to fill in): do it, and say that it is done or why it cannot be.
    Returns what the service returned, or None when it refused."""
    try:
        result = call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result
