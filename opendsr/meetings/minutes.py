"""The minutes of a DSR meeting, as HTML and as a PDF (WeasyPrint), to send to the members.

The minutes leave OpenDSR, so anyone outside the invitation list (the people discussed, guests, action owners
who are not members) is named by initials only; members are named in full.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from opendsr.meetings.agenda import SECTIONS
from opendsr.meetings.models import DsrMeeting


def initials(name: str) -> str:
    return "".join(part[0].upper() + "." for part in (name or "").split() if part[:1].isalpha()) or "?"


def invited_names(meeting: DsrMeeting) -> set[str]:
    names = {m.name.strip().lower() for m in meeting.standing.members.all()}
    return names | {a.name.strip().lower() for a in meeting.attendance.all() if a.member_id}


def context(meeting: DsrMeeting) -> dict:
    invited = invited_names(meeting)

    def shown(name: str) -> str:
        return name if (name or "").strip().lower() in invited else initials(name)

    items = list(
        meeting.items.filter(discussed=True)
        .select_related("person")
        .prefetch_related("actions", "escalations__manager__user")
        .order_by("recorded_at", "pk")
    )
    discussed = [
        {
            "who": f"{initials(item.person.full_name)} (register number {item.person.pk})",
            "section": SECTIONS.get(item.section, ""),
            "item": item,
            "actions": [
                {
                    "text": a.text,
                    "owner": shown(a.owner_name),
                    "organisation": a.owner_organisation,
                    "due": a.due,
                }
                for a in item.actions.all()
            ],
            "escalations": [f"{e.manager.title}" for e in item.escalations.all()],
        }
        for item in items
    ]
    attendance = list(meeting.attendance.all())
    return {
        "meeting": meeting,
        "present": [{"name": shown(a.name), "organisation": a.organisation} for a in attendance if a.present],
        "apologies": [{"name": a.name, "organisation": a.organisation} for a in attendance if not a.present],
        "chair": shown(meeting.chair.display_name) if meeting.chair_id else "",
        "discussed": discussed,
    }


def minutes_html(meeting: DsrMeeting) -> str:
    return render_to_string("meetings/minutes_pdf.jinja", context(meeting))


def minutes_pdf(meeting: DsrMeeting) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=minutes_html(meeting)).write_pdf()
