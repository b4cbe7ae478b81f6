"""The risk instruments: the list, a version, its export, and adding a version by editing or importing it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.register import forms, queries
from opendsr.register.services.instruments import add_instrument_version
from opendsr.web.forms import show_refusal as _apply
from opendsr.web.params import whole_number


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
