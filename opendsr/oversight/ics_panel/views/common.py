"""What the panel's pages share: a page with one form, and how a meeting is linked to and named."""

from __future__ import annotations

import functools

from django.urls import reverse

from opendsr.web.form_pages import headed_form_page
from opendsr.web.formatting import nhs_date

_form_page = functools.partial(headed_form_page, template="oversight/ics_panel/form.jinja")


def _meeting_url(meeting) -> str:
    return reverse("oversight:panel_meeting", args=[meeting.pk])


def _meeting_caption(meeting) -> str:
    return f"ICS oversight panel, {nhs_date(meeting.date)}"
