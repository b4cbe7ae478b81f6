"""The papers pack for a meeting: one PDF with a page for each person on the agenda, made with WeasyPrint.
The papers carry what the panel needs (s18: the C(E)TR report and actions) and no more: no NHS number,
address or contact details."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from opendsr.oversight.ics_panel.models import PanelMeeting
from opendsr.oversight.ics_panel.queries import Paper


def papers_html(meeting: PanelMeeting, pack: list[Paper], today: dt.date) -> str:
    return render_to_string(
        "oversight/ics_panel/papers_pdf.jinja", {"meeting": meeting, "papers": pack, "today": today}
    )


def papers_pdf(meeting: PanelMeeting, pack: list[Paper], today: dt.date) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=papers_html(meeting, pack, today)).write_pdf()
