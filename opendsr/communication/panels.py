"""The communication part of a person's page: their communication needs and the latest letters and calls."""

from __future__ import annotations

from django.template.loader import render_to_string

from opendsr.accounts import access
from opendsr.communication import queries, rules, services

SHOWN = 5


def person_panels(request, person) -> list[str]:
    log_url = access.link(request.user, "communication:log", person.pk)
    if log_url is None:
        return []
    entries = queries.log_for(person)
    needs = services.needs_of(person)
    html = render_to_string(
        "communication/panel.jinja",
        {
            "person": person,
            "entries": entries[:SHOWN],
            "more": len(entries) - SHOWN if len(entries) > SHOWN else 0,
            "needs": rules.summary(needs),
            "preferred": needs.preferred_method,
            "log_url": log_url,
            "needs_url": access.link(request.user, "communication:needs", person.pk),
            "call_url": access.link(request.user, "communication:call", person.pk),
        },
        request,
    )
    return [html]
