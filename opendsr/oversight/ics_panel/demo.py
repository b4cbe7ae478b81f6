"""Demo ICS oversight panel: its members in the six roles s18 asks for, a meeting held last quarter with its
minutes, a decision and an action, and the next meeting scheduled with its agenda from the register. Safe to
run twice."""

from __future__ import annotations

import datetime as dt

from opendsr.oversight.ics_panel import services
from opendsr.oversight.ics_panel.models import OversightPanelMember, PanelMeeting
from opendsr.web.today import today as get_today

MEMBERS = [
    # name, role, organisation, chair, the demo login that sits on the panel
    ("Helen Marsh", "executive_lead", "NHS Northdale and Fenwick ICB", True, "oversight@northdale.example"),
    ("Jo Fairweather", "expert_by_experience", "Northdale Voices", False, None),
    ("Dr Anil Mehta", "medical_director", "NHS Northdale and Fenwick ICB", False, None),
    ("Ruth Collins", "social_care", "Northdale County Council", False, None),
    ("Marcus Webb", "provider_collaborative", "North East Provider Collaborative", False, None),
    ("Dr Sofia Novak", "senior_clinician", "Fenwick Mental Health NHS Foundation Trust", False, None),
]


def load(context: dict) -> dict:
    icb, users = context["icb"], context["users"]
    lead = users.get("lead@northdale.example")
    if lead is None or PanelMeeting.objects.filter(icb=icb).exists():
        return context
    today = get_today()
    members = []
    for name, role, organisation, chair, login in MEMBERS:
        member = OversightPanelMember.objects.filter(icb=icb, name=name).first() or services.save_member(
            icb=icb,
            by=lead,
            name=name,
            role=role,
            organisation=organisation,
            is_chair=chair,
            user=users.get(login),
        )
        members.append(member)
    chair = members[0]

    held = services.schedule_meeting(
        icb=icb,
        by=lead,
        date=today - dt.timedelta(days=77),
        starts_at=dt.time(14, 0),
        venue="Northdale House, Room 2",
        chair=chair,
    )
    items = list(held.items.order_by("pk"))
    # The panel discussed the first person on the agenda; the others wait for the next meeting.
    for item in items[1:]:
        services.remove_from_agenda(item=item, by=lead, reason="Not reached: carried to the next meeting")
    if items:
        first = items[0]
        services.record_discussion(
            item=first,
            by=lead,
            decision="Safe and well on the ward. Discharge is delayed by housing: the panel asks the council for "
            "a housing assessment and will review progress at the next meeting.",
            discussion="The panel read the C(E)TR report and its actions. Restrictions are reducing; family "
            "visits weekly. The responsible clinician supports discharge once housing is found.",
        )
        services.add_action(
            item=first,
            by=lead,
            text="Ask the council for a supported housing assessment",
            owner_user=users.get("case.manager@northdale.example") or lead,
            due=today + dt.timedelta(days=10),
        )
    services.record_minutes(
        meeting=held,
        by=lead,
        attendees=members[:3] + members[4:],
        others_present="Tom Okafor, case manager (minutes)",
        minutes="Quality intelligence: the host commissioner's report on Oakwood Hospital was read.\n"
        "Theme for the ICS delivery plan: delayed discharges waiting for housing.",
    )

    services.schedule_meeting(
        icb=icb,
        by=lead,
        date=today + dt.timedelta(days=13),
        starts_at=dt.time(14, 0),
        venue="Northdale House, Room 2",
        chair=chair,
    )
    return context
