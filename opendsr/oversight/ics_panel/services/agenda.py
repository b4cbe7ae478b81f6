"""Writes for a meeting's agenda: filling it from the people due a panel review, adding and removing a person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.accounts.models import User
from opendsr.oversight.ics_panel import queries
from opendsr.oversight.ics_panel.models import (
    MeetingStatus,
    PanelItem,
    PanelMeeting,
)
from opendsr.oversight.ics_panel.services.common import _actor
from opendsr.register.models import Person
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


def _fill_agenda(meeting: PanelMeeting) -> int:
    """Put everyone the clock says is due a panel review on the agenda (never anyone the chair took off),
    and bring the reasons of those not yet discussed up to date."""
    existing = {item.person_id: item for item in meeting.items.all()}
    added = 0
    for row in queries.due_for_panel(meeting.icb_id, get_today()):
        item = existing.get(row.person.pk)
        if item is None:
            PanelItem.objects.create(meeting=meeting, person=row.person, reasons=list(row.reasons))
            added += 1
        elif item.discussed_on is None and item.removed_at is None and item.reasons != list(row.reasons):
            chair = [r for r in item.reasons if r not in row.reasons] if item.added_by_chair else []
            item.reasons = [*row.reasons, *chair]
            item.save()
    return added


@transaction.atomic
def refresh_agenda(*, meeting: PanelMeeting, by: User, request=None) -> int:
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError("The agenda of a meeting that was held or cancelled cannot change")
    added = _fill_agenda(meeting)
    audit.record(
        _actor(by, request),
        "oversight_panel.agenda_updated",
        summary=f"Added {added} {'person' if added == 1 else 'people'} due a panel review to the agenda of the "
        f"meeting on {nhs_date(meeting.date)}",
        detail={"meeting": meeting.pk},
    )
    return added


@transaction.atomic
def add_to_agenda(*, meeting: PanelMeeting, by: User, person: Person, reason: str, request=None) -> PanelItem:
    """The chair adds someone the panel should review (s18: the cohort "is not exclusive to" the listed
    groups)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled")
    if person.icb_id != meeting.icb_id:
        raise ValidationError({"person": "Select someone on this ICB's register"})
    why = f"Added by the chair: {reason}"
    item = meeting.items.filter(person=person).first()
    if item is not None and item.removed_at is None:
        raise ValidationError({"person": f"{person.full_name} is already on the agenda"})
    if item is None:
        item = PanelItem(meeting=meeting, person=person, reasons=[])
    item.removed_at, item.removed_reason = None, ""
    item.added_by_chair, item.chair_reason = True, reason
    item.reasons = [*[r for r in item.reasons if not r.startswith("Added by the chair: ")], why]
    item.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.person_added",
        person=person,
        summary=f"Added {person.full_name} to the agenda of the ICS oversight panel meeting on "
        f"{nhs_date(meeting.date)}",
        detail={"meeting": meeting.pk, "item": item.pk},
    )
    return item


@transaction.atomic
def remove_from_agenda(*, item: PanelItem, by: User, reason: str, request=None) -> PanelItem:
    if item.discussed_on is not None:
        raise ValidationError(
            f"{item.person.full_name} was discussed at this meeting: undo that first if they were not"
        )
    if item.removed_at is not None:
        raise ValidationError(f"{item.person.full_name} is not on the agenda")
    item.removed_at, item.removed_reason = timezone.now(), reason
    item.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.person_removed",
        person=item.person,
        summary=f"Took {item.person.full_name} off the agenda of the ICS oversight panel meeting on "
        f"{nhs_date(item.meeting.date)}",
        detail={"meeting": item.meeting_id, "item": item.pk},
    )
    return item
