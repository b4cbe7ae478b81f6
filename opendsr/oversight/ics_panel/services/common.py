"""What the panel's writes share: how an agenda item is named as an event's source, and who acts."""

from __future__ import annotations

from opendsr.oversight.ics_panel.models import (
    PanelItem,
)


def _source(item: PanelItem) -> str:
    return f"panel_item:{item.pk}"


def _actor(by, request):
    return request if request is not None else by
