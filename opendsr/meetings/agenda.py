"""The agenda of a multi-agency DSR meeting (000 Part 1; 001 s4, s16.2), built from the register and the stored
obligations the policy clock wrote: nothing here works out a due date.

Each person is on the agenda once, in the first of the chair's sections they belong to, with the reasons from
every section they belong to. The chair can reorder the sections, add people (to any section, such as "proposed
to leave the register") and take people off; both are kept as `DsrMeetingItem` rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Q, QuerySet

from opendsr.imports.queries import imported_without_consent
from opendsr.inpatients.models import Admission
from opendsr.meetings.models import ActionStatus, DsrMeeting, DsrMeetingAction, DsrMeetingItem
from opendsr.policy import Kind
from opendsr.register import contributions
from opendsr.register.contributions import DUE_SOON_DAYS
from opendsr.register.models import (
    ConsentKind,
    ConsentRecord,
    Location,
    Obligation,
    Rating,
    RegisterStatus,
    TimelineEvent,
)
from opendsr.reviews.models import ActionStatus as ReviewActionStatus
from opendsr.reviews.models import ReviewAction
from opendsr.web.formatting import nhs_date
from opendsr.web.labels import kind_label

SECTIONS = {
    "new_referrals": "New referrals waiting for a rating",
    "red": "Everyone rated red",
    "amber": "Everyone rated amber",
    "overdue": "People with overdue obligations",
    "actions": "Overdue C(E)TR and visit actions, and open actions from earlier meetings",
    "inpatients": "Inpatients with reviews or discharge due",
    "carers": "Unpaid carers without a contingency discussion",
    "consent": "Consent needing a check",
    "leaving": "People proposed to leave the register",
    "added": "Added by the chair",
}
DEFAULT_ORDER = list(SECTIONS)
# Sections a chair may put someone in by hand: every one (the others also fill themselves).
CHAIR_SECTIONS = [("added", SECTIONS["added"]), ("leaving", SECTIONS["leaving"])] + [
    (key, label) for key, label in SECTIONS.items() if key not in ("added", "leaving")
]

INPATIENT_REVIEWS = {
    Kind.SIX_WEEK_CETR,
    Kind.POST_ADMISSION_CETR,
    Kind.REPEAT_CETR,
    Kind.TRANSFER_CETR,
    Kind.DIAGNOSIS_CETR,
    Kind.INDEPENDENT_CETR,
    Kind.OVERSIGHT_VISIT,
    Kind.SIT_AND_SEE,
    Kind.MOJ_CONTACT,
}
CONSENT_KINDS = {Kind.RECHECK_CONSENT, Kind.RECONSENT_SELF}
# Actions other rooms put in the work queue (a visit's actions) whose kind ends so; C(E)TR and meeting actions
# are read directly.
READ_DIRECTLY = {"review_action", "meeting_action"}


def section_order(meeting: DsrMeeting) -> list[str]:
    """The chair's order, with any section it does not name yet at the end."""
    chosen = [key for key in (meeting.sections or []) if key in SECTIONS]
    return chosen + [key for key in DEFAULT_ORDER if key not in chosen]


@dataclass
class Entry:
    person: object
    section: str
    reasons: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)  # the other sections' names
    last_discussed: dt.date | None = None
    item: DsrMeetingItem | None = None
    actions: list = field(default_factory=list)  # open actions from earlier meetings

    def days_since_discussed(self, today: dt.date) -> int | None:
        return None if self.last_discussed is None else (today - self.last_discussed).days


@dataclass
class Section:
    key: str
    title: str
    entries: list[Entry]


@dataclass
class Agenda:
    sections: list[Section]
    removed: list[DsrMeetingItem]
    as_of: dt.date

    @property
    def count(self) -> int:
        return sum(len(section.entries) for section in self.sections)


def _open(people: QuerySet, kinds=None) -> QuerySet:
    rows = Obligation.objects.filter(is_open=True, person__in=people.values("pk"))
    return rows.filter(kind__in=list(kinds)) if kinds is not None else rows


def _reasons(people: QuerySet, user, as_of: dt.date, meeting: DsrMeeting) -> dict[str, dict[int, list[str]]]:
    """section -> person id -> the reasons they are in it."""
    found: dict[str, dict[int, list[str]]] = {key: defaultdict(list) for key in SECTIONS}
    soon = as_of + dt.timedelta(days=DUE_SOON_DAYS)
    for row in _open(people, [Kind.STRATIFY_REFERRAL]).filter(person__status=RegisterStatus.REFERRED):
        found["new_referrals"][row.person_id].append(f"Rating due by {nhs_date(row.due, 'no date set')}")
    for person in people.filter(status=RegisterStatus.ACTIVE, current_rating__in=[Rating.RED, Rating.AMBER]):
        found[person.current_rating][person.pk].append(
            f"Rated {person.current_rating} on {nhs_date(person.rating_decided_on)}"
        )
    for row in _open(people).filter(due__lt=as_of).order_by("due"):
        found["overdue"][row.person_id].append(f"{kind_label(row.kind)}: was due {nhs_date(row.due)}")
    review_actions = ReviewAction.objects.filter(
        person__in=people.values("pk"), status=ReviewActionStatus.OPEN, due__lt=as_of
    ).order_by("due")
    for action in review_actions:
        found["actions"][action.person_id].append(
            f"C(E)TR action overdue: {action.text} ({action.owner_name}, due {nhs_date(action.due)})"
        )
    for item in contributions.work_items(user, people, as_of):
        if item.kind.endswith("action") and item.kind not in READ_DIRECTLY and item.status == "overdue":
            found["actions"][item.person_id].append(f"{item.label}: was due {nhs_date(item.due)}")
    for action in earlier_actions(people, meeting):
        found["actions"][action.person_id].append(
            f"Action from the meeting on {nhs_date(action.item.meeting.date)}: {action.text} "
            f"({action.owner_name}, due {nhs_date(action.due)})"
        )
    inpatients = people.filter(location=Location.INPATIENT)
    for row in _open(inpatients, INPATIENT_REVIEWS).filter(due__lte=soon).order_by("due"):
        found["inpatients"][row.person_id].append(f"{kind_label(row.kind)}: due {nhs_date(row.due)}")
    for row in _open(people, [Kind.CARER_CONTINGENCY]):
        found["carers"][row.person_id].append(
            f"No carer contingency discussion since the rating on {nhs_date(row.raised_on)}"
        )
    for row in _open(people, CONSENT_KINDS).filter(due__lte=soon).order_by("due"):
        found["consent"][row.person_id].append(f"{kind_label(row.kind)}: due {nhs_date(row.due)}")
    _from_records(found, people, as_of, soon)
    return found


def _from_records(found: dict, people: QuerySet, as_of: dt.date, soon: dt.date) -> None:
    """Reasons read from the records themselves, not the clock: an expected discharge date (the inpatient
    record), the date to ask again after consent was not given, someone imported onto the register with no
    consent date (docs/adr/0009), and consent to be on the register withdrawn while the person is still on it."""
    stays = Admission.objects.filter(person__in=people.values("pk"), discharged_on__isnull=True).filter(
        Q(expected_discharge_on__lte=soon) | Q(delayed_discharge=True)
    )
    for stay in stays.order_by("expected_discharge_on", "pk"):
        if stay.expected_discharge_on is None:
            reason = "Discharge is delayed: no expected date"
        elif stay.expected_discharge_on < as_of:
            reason = f"Discharge was expected on {nhs_date(stay.expected_discharge_on)}"
        else:
            reason = f"Discharge expected on {nhs_date(stay.expected_discharge_on)}"
        if stay.delayed_discharge and stay.expected_discharge_on is not None:
            reason += " (delayed)"
        found["inpatients"][stay.person_id].append(reason)
    refusals = ConsentRecord.objects.filter(
        person__in=people.values("pk"),
        kind=ConsentKind.REFUSED,
        revisit_on__isnull=False,
        revisit_on__lte=soon,
    )
    for record in refusals.order_by("revisit_on", "pk"):
        asked_since = ConsentRecord.objects.filter(
            person_id=record.person_id, kind=ConsentKind.GIVEN, date__gte=record.date
        ).exists()
        if not asked_since:
            found["consent"][record.person_id].append(
                f"Consent not given on {nhs_date(record.date)}: ask again by {nhs_date(record.revisit_on)}"
            )
    for added in imported_without_consent(people):
        found["consent"][added.person_id].append(
            f"Imported from {added.register_import.file_name} with no date consent was given: record their "
            "consent, or a best interests decision"
        )
    latest: dict[int, TimelineEvent] = {}
    events = TimelineEvent.objects.filter(
        person__in=people.filter(status=RegisterStatus.ACTIVE).values("pk"),
        type__in=["consent_given", "consent_withdrawn"],
        voided_at__isnull=True,
    ).order_by("date", "pk")
    for event in events:
        latest[event.person_id] = event
    for person_id, event in latest.items():
        if event.type == "consent_withdrawn":
            found["leaving"][person_id].append(
                f"Consent to be on the register withdrawn on {nhs_date(event.date)}: leave the register, "
                "or record the lawful basis to keep the record"
            )


def earlier_actions(people: QuerySet, meeting: DsrMeeting) -> QuerySet:
    """Actions from earlier meetings not yet closed: on every agenda until they are done."""
    return (
        DsrMeetingAction.objects.filter(person__in=people.values("pk"), status=ActionStatus.OPEN)
        .exclude(item__meeting=meeting)
        .select_related("item__meeting")
        .order_by("due", "pk")
    )


def build(meeting: DsrMeeting, people: QuerySet, user, today: dt.date) -> Agenda:
    """The agenda of a meeting for the people this user may see (already scoped by access)."""
    scoped = people.filter(icb_id=meeting.icb_id)
    people = scoped.exclude(status=RegisterStatus.LEFT)
    as_of = max(today, meeting.date)
    found = _reasons(people, user, as_of, meeting)
    items = {item.person_id: item for item in meeting.items.filter(person__in=scoped.values("pk"))}
    for item in items.values():
        key = item.section if item.section in SECTIONS else "added"
        if item.added_by_chair:
            found[key][item.person_id].append(item.added_reason or "Added by the chair")
        elif item.discussed and not any(item.person_id in found[k] for k in SECTIONS):
            # Discussed here and since gone from every list (rated, or left the register): still on this agenda.
            found[key][item.person_id].append("Discussed at this meeting")
    order = section_order(meeting)
    placed: dict[int, Entry] = {}
    sections = []
    for key in order:
        entries = []
        for person_id, reasons in found[key].items():
            item = items.get(person_id)
            if item is not None and item.removed:
                continue
            if person_id in placed:
                placed[person_id].also.append(SECTIONS[key])
                placed[person_id].reasons += [r for r in reasons if r not in placed[person_id].reasons]
                continue
            entry = Entry(person=None, section=key, reasons=list(reasons), item=item)
            placed[person_id] = entry
            entries.append(entry)
        sections.append(Section(key=key, title=SECTIONS[key], entries=entries))
    shown = scoped.filter(pk__in=list(placed))
    by_pk = {person.pk: person for person in shown}
    last = dict(
        TimelineEvent.objects.filter(
            person_id__in=list(placed), type="mdt_held", voided_at__isnull=True, date__lte=as_of
        )
        .values_list("person_id")
        .annotate(last=Max("date"))
    )
    for person_id, entry in placed.items():
        entry.person = by_pk.get(person_id)
        entry.last_discussed = last.get(person_id)
    for section in sections:
        section.entries = [e for e in section.entries if e.person is not None]
        if section.key in ("red", "amber"):
            # Those discussed longest ago (or never) first.
            section.entries.sort(key=lambda e: (e.last_discussed or dt.date.min, e.person.family_name))
        else:
            section.entries.sort(key=lambda e: (e.person.family_name, e.person.given_name))
    removed = [item for item in items.values() if item.removed]
    return Agenda(sections=sections, removed=removed, as_of=as_of)
