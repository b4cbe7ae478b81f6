"""A person's communication: the whole log with each copy, their communication needs, and recording a call."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.communication import forms, letters, queries, rules, services
from opendsr.web.form_pages import form_page
from opendsr.web.today import today as get_today


@requires(Action.VIEW_RECORD, person_kwarg="pk")
def log(request, pk):
    person = access.person_for(request.user, pk, Action.VIEW_RECORD)
    audit.viewed(request, f"{person.full_name}'s communication log", person=person)
    return render(
        request,
        "communication/log.jinja",
        {
            "person": person,
            "entries": queries.log_for(person),
            "needs": rules.reminders(services.needs_of(person)),
            "needs_url": access.link(request.user, "communication:needs", person.pk),
            "call_url": access.link(request.user, "communication:call", person.pk),
            "consent_url": access.link(request.user, "communication:consent_request", person.pk),
        },
    )


@requires(Action.VIEW_RECORD, person_kwarg="pk")
def entry(request, pk, communication_pk):
    person = access.person_for(request.user, pk, Action.VIEW_RECORD)
    found = queries.entry_for(person, communication_pk)
    if found is None:
        raise Http404("No such letter or call")
    audit.viewed(request, f"a copy of “{found.what}”", person=person)
    return render(request, "communication/entry.jinja", {"person": person, "entry": found})


@requires(Action.VIEW_RECORD, person_kwarg="pk")
def entry_pdf(request, pk, communication_pk):
    """A logged letter as a PDF to print: easy read and large print in large text."""
    person = access.person_for(request.user, pk, Action.VIEW_RECORD)
    found = queries.entry_for(person, communication_pk)
    if found is None or found.method == "phone":
        raise Http404("No such letter")
    needs = services.needs_of(person)
    address = [found.to_name] + (
        [] if found.method == "email" else [p.strip() for p in found.to_address.split(",") if p.strip()]
    )
    content = letters.pdf(
        subject=found.subject,
        body=found.body,
        icb_name=person.icb.name,
        address_lines=[line for line in address if line],
        sent_on=found.sent_on,
        large=rules.large_text(found.to_whom, found.version, needs),
    )
    audit.record(
        request,
        "letter.downloaded",
        person=person,
        summary=f"Downloaded “{found.what}” as a PDF"[:300],
        detail={"communication": found.pk},
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letter-{person.pk}-{found.pk}.pdf"'
    return response


def _form_page(request, person, form, **page):
    """A page with one form about the person, which goes back to their communication log when it is done."""
    return form_page(
        request,
        form,
        redirect_to=reverse("communication:log", args=[person.pk]),
        context={"person": person},
        **page,
    )


@requires(Action.EDIT_PERSON, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def needs(request, pk):
    person = access.person_for(request.user, pk, Action.EDIT_PERSON)
    now = services.needs_of(person)
    form = forms.NeedsForm(
        request.POST or None,
        initial={
            "reads": [name for name in ("easy_read", "large_print") if getattr(now, name)],
            "interpreter": now.interpreter,
            "preferred_method": now.preferred_method,
        },
    )
    return _form_page(
        request,
        person,
        form,
        template="communication/needs.jinja",
        call=lambda data: services.update_needs(
            person=person,
            by=request.user,
            easy_read="easy_read" in data["reads"],
            large_print="large_print" in data["reads"],
            interpreter=data["interpreter"],
            preferred_method=data["preferred_method"] or "",
            request=request,
        ),
        success=f"{person.full_name}'s communication needs are saved.",
    )


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def call(request, pk):
    person = access.person_for(request.user, pk, Action.RECORD_EVENT)
    form = forms.CallForm(request.POST or None, initial={"called_on": get_today(), "to_whom": "person"})
    return _form_page(
        request,
        person,
        form,
        template="communication/call.jinja",
        call=lambda data: services.record_call(person=person, by=request.user, request=request, **data),
        success="The phone call is recorded in their communication log.",
    )


@requires(Action.MANAGE_CONSENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def consent_request(request, pk):
    person = access.person_for(request.user, pk, Action.MANAGE_CONSENT)
    form = forms.ConsentRequestForm(
        request.POST or None,
        initial={
            "to_whom": "person",
            "version": services.version_for(person, "person"),
            "method": "email" if person.email else "letter",
        },
    )
    return _form_page(
        request,
        person,
        form,
        template="communication/consent_request.jinja",
        call=lambda data: services.send_consent_request(
            person=person, by=request.user, request=request, **data
        ),
        success="The consent request is sent and in their communication log. Record their answer on the consent "
        "page when they reply.",
    )
