"""What the panel's pages share: a page with one form, and how a meeting is linked to and named."""

from __future__ import annotations

from django.urls import reverse

from opendsr.web.form_pages import form_page
from opendsr.web.formatting import nhs_date


def _form_page(
    request,
    *,
    form,
    heading,
    call,
    success,
    redirect_to,
    caption="",
    lead="",
    submit="Save",
    back=None,
    extra=None,
):
    return form_page(
        request,
        form,
        template="oversight/ics_panel/form.jinja",
        call=call,
        success=success,
        redirect_to=redirect_to,
        context={
            "heading": heading,
            "caption": caption,
            "lead": lead,
            "submit": submit,
            "back": back,
            **(extra or {}),
        },
    )


def _meeting_url(meeting) -> str:
    return reverse("oversight:panel_meeting", args=[meeting.pk])


def _meeting_caption(meeting) -> str:
    return f"ICS oversight panel, {nhs_date(meeting.date)}"
