"""The person page's oversight part: their visit schedule and visits (while in hospital, or once visited), and
the escalation requests and complaints that put them before the ICS oversight panel."""

from __future__ import annotations

from django.template.loader import render_to_string

from opendsr.accounts import access
from opendsr.oversight.visits import queries
from opendsr.register.models import Location
from opendsr.web.today import today as get_today


def person_panels(request, person) -> list[str]:
    user = request.user
    if not access.link(user, "oversight:person_visits", person.pk):
        return []  # the whole record's oversight, for those who may see it
    today = get_today()
    schedule = queries.schedule_for(person, today)
    visits = queries.visits_of(person)
    context = {
        "person": person,
        "today": today,
        "schedule": schedule,
        "visits": visits,
        "actions": queries.open_actions_of(person),
        "show_visits": bool(
            person.location == Location.INPATIENT
            or visits
            or schedule.next_visit
            or schedule.sit_and_see_needed
            or schedule.sit_and_see_met
        ),
        "record_visit_url": access.link(user, "oversight:visit_new", person.pk),
        "visits_url": access.link(user, "oversight:person_visits", person.pk),
        "escalations": queries.escalations_of(person),
        "complaints": queries.complaints_of(person),
        "escalation_url": access.link(user, "oversight:escalation_new", person.pk),
        "complaint_url": access.link(user, "oversight:complaint_new", person.pk),
    }
    return [render_to_string("oversight/visits/person_panel.jinja", context, request=request)]
