"""The ICS oversight panel on a person's page: the meetings they were on the agenda of, what the panel
decided, and its actions."""

from __future__ import annotations

from django.template.loader import render_to_string

from opendsr.oversight.ics_panel.models import PanelItem
from opendsr.web.today import today as get_today


def person_panels(request, person) -> list[str]:
    items = list(
        PanelItem.objects.filter(person=person, removed_at__isnull=True, meeting__icb_id=person.icb_id)
        .exclude(meeting__status="cancelled")
        .select_related("meeting")
        .prefetch_related("actions")
        .order_by("-meeting__date", "-pk")
    )
    if not items:
        return []
    return [
        render_to_string(
            "oversight/ics_panel/person_panel.jinja",
            {"person": person, "items": items, "today": get_today()},
            request=request,
        )
    ]
