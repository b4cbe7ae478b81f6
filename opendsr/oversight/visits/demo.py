"""Demo oversight visits: a sit-and-see visit with Appendix 4 notes and an open action for its owner, an earlier
visit, a request to escalate to the ICS oversight panel, and complaints (one resolved, one not). Safe to run
twice."""

from __future__ import annotations

import datetime as dt

from opendsr.oversight.visits import services
from opendsr.oversight.visits.models import Complaint, OversightVisit
from opendsr.register.models import Location, Obligation, Person
from opendsr.web.today import today as get_today

NOTES = {
    "environment": "A calm welcome at reception and a greeting from the nurse in charge. Visiting times and the "
    "staff board are on display; easy read information is in the lounge but not in the bedroom corridor.",
    "safety": "Clean and well maintained. Medicines are given from a locked clinic room. One bathroom light "
    "was broken and reported while we were there.",
    "caring": "Staff knew {name} well and spoke quietly about private matters. {name} chose the afternoon activity. "
    "The advocacy poster is not in an accessible format.",
    "organised": "Busy at handover but calm. The patient status board was up to date.",
    "anything_else": "{name} asked to see more of their family; the ward will look at video calls.",
}


def _inpatients(icb) -> list[Person]:
    """The ICB's inpatients the clock says are due a visit, in a fixed order."""
    due = Obligation.objects.filter(kind="oversight_visit", is_open=True).values("person_id")
    return list(Person.objects.filter(icb=icb, location=Location.INPATIENT, pk__in=due).order_by("pk")[:4])


def _admitted_on(person: Person) -> dt.date | None:
    return (
        person.timeline.filter(type="admitted", voided_at__isnull=True)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )


def load(context: dict) -> dict:
    icb, users = context["icb"], context["users"]
    if OversightVisit.objects.filter(person__icb=icb).exists():
        return context
    by = users.get("case.manager@northdale.example") or users.get("lead@northdale.example")
    owner = by
    today = get_today()
    people = _inpatients(icb)
    if not people or by is None:
        return context
    # The owner's own person first, so that the action is in their My work as it first opens.
    people.sort(key=lambda p: p.case_manager_id != owner.pk)
    first = people[0]
    admitted = _admitted_on(first) or today - dt.timedelta(days=60)
    earlier_on = max(admitted, today - dt.timedelta(days=50))
    visited_on = max(admitted, today - dt.timedelta(days=8))
    if earlier_on < visited_on:
        services.record_visit(
            person=first,
            by=by,
            visited_on=earlier_on,
            visitors="Tom Okafor, commissioner",
            place="Oakwood Hospital, Ward 3",
            length_minutes=75,
            sit_and_see=False,
            environment=f"Settled on the ward; a new member of staff is getting to know {first.given_name}.",
        )
    visit = services.record_visit(
        person=first,
        by=by,
        visited_on=visited_on,
        visitors="Tom Okafor, commissioner; Jo Lee, expert by experience",
        place="Oakwood Hospital, Ward 3",
        length_minutes=210,
        sit_and_see=True,
        **{key: text.format(name=first.given_name) for key, text in NOTES.items()},
    )
    services.add_visit_action(
        visit=visit,
        by=by,
        text="Ask the ward to put the advocacy information in easy read in the bedroom corridor",
        owner=owner,
        due=today + dt.timedelta(days=14),
    )
    services.record_escalation(
        person=first,
        by=by,
        requested_on=today - dt.timedelta(days=5),
        requested_by="family",
        requester_name=f"{first.given_name}'s mother",
        what_asked="She is worried the discharge plan has stalled and asked for the oversight panel to look at it.",
    )
    complained = people[1] if len(people) > 1 else first
    if not Complaint.objects.filter(person=complained).exists():
        services.record_complaint(
            person=complained,
            by=by,
            made_on=max(_admitted_on(complained) or today, today - dt.timedelta(days=20)),
            made_by="Their father",
            summary="Visits were cancelled twice at short notice without an explanation.",
        )
    return context
