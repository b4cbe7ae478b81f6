"""The inpatient part of a person's page: where they are in hospital, and a link to the inpatient record."""

from __future__ import annotations

from django.template.loader import render_to_string

from opendsr.accounts import access
from opendsr.inpatients import queries
from opendsr.register.models import Location


def person_panels(request, person) -> list[str]:
    summary = queries.panel_summary(person)
    if (
        summary["latest"] is None
        and summary["bare_admission"] is None
        and person.location != Location.INPATIENT
    ):
        admit_url = access.link(request.user, "inpatients:admit", person.pk)
        if admit_url is None:
            return []
        summary["admit_url"] = admit_url
    html = render_to_string(
        "inpatients/panel.jinja",
        {
            "person": person,
            **summary,
            "record_url": access.link(request.user, "inpatients:record", person.pk),
            "admit_url": summary.get("admit_url") or access.link(request.user, "inpatients:admit", person.pk),
        },
        request,
    )
    return [html]
