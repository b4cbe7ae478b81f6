"""The person page's panel: what the policy asks for this person (met, due, overdue, each with its citation),
and the events recorded on their timeline."""

from __future__ import annotations

from django.template.loader import render_to_string

from opendsr.oversight.person_queries import obligations_of, timeline_of
from opendsr.web.labels import event_details, event_label
from opendsr.web.today import today as get_today


def context_for(person, *, limit: int | None, user=None) -> dict:
    today = get_today()
    return {
        "person": person,
        "obligations": obligations_of(person, today, user),
        "events": timeline_of(person),
        "today": today,
        "limit": limit,
        "event_label": event_label,
        "event_details": event_details,
    }


def person_panels(request, person) -> list[str]:
    return [
        render_to_string(
            "oversight/panel.jinja", context_for(person, limit=10, user=request.user), request=request
        )
    ]
