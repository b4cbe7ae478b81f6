"""Oversight of people in hospital: commissioner oversight visits (policy s16.1; toolkit Part 4) and the
ICS oversight panel (s18, s2.4.3, s13.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from opendsr.policy.calendar import Days, Months
from opendsr.policy.model import EscalatedBy, EventType, Kind, Obligation
from opendsr.policy.pathway import Pathway
from opendsr.policy.rules.admission import segregations_reaching_48_hours
from opendsr.policy.timeline import Context, make

OVERSIGHT_VISIT_CYP = Days(42)  # s16.1: an oversight visit "every six weeks for children"
OVERSIGHT_VISIT_ADULT = Days(56)  # s16.1: "every eight weeks for adults"
DECLINED_REVIEWS_FOR_PANEL = 2  # s2.4.3: declining a C(E)TR "on two or more occasions" goes to the panel
LONG_STAY_CYP = Months(6)  # s18: children and young people "with a stay of six months or longer"
LONG_STAY_ADULT = Months(12)  # s18: adults "with a stay 12 months or longer (unless restricted by MoJ)"
PANEL_REVIEW = Months(3)  # s18: "panels must convene at least quarterly"

OVERSIGHT_VISIT_BASIS = {
    Pathway.CYP: "s16.1: commissioner oversight visit every 6 weeks while a child is in hospital",
    Pathway.ADULT: "s16.1: commissioner oversight visit at least every 8 weeks while an adult is in hospital",
}
PANEL_BASIS = "s18: review by the ICS oversight panel, which meets at least quarterly (within 3 months)"
DECLINED_REASON = "Declined a C(E)TR twice or more (s2.4.3)"
LONG_STAY_REASON = {
    Pathway.CYP: "Inpatient stay reached 6 months (s18)",
    Pathway.ADULT: "Inpatient stay reached 12 months (s18)",
}
LATE_REVIEW_REASON = "C(E)TR held after its due date (s13.2, s18): {review} was due {due}"
AGREED_EARLY_REASON = "C(E)TR agreed on request, outside the usual timescale (s13.2, s18)"
SEGREGATION_REASON = "In long-term segregation for 48 hours or more (s14.4, s18)"
INADEQUATE_REASON = "On a ward the CQC rated inadequate (s18)"
COMPLAINT_REASON = "A complaint about their care is not resolved (s18)"
SAFEGUARDING_REASON = "A safeguarding referral was made (s18)"
ESCALATION_REASON = "Escalation to the panel asked for by {by} (s18)"
ESCALATED_BY: dict[str, str] = {
    EscalatedBy.PERSON: "the person",
    EscalatedBy.FAMILY: "their family",
    EscalatedBy.RESPONSIBLE_CLINICIAN: "the responsible clinician",
    EscalatedBy.COMMISSIONER: "the commissioner",
    EscalatedBy.ADVOCATE: "an advocate",
}
# Events that can send a person to the panel, or record that it reviewed them, besides a stay in hospital.
_PANEL_EVENTS = frozenset(
    {
        EventType.CETR_DECLINED,
        EventType.SAFEGUARDING_REFERRAL,
        EventType.ESCALATION_REQUESTED,
        EventType.CETR_REQUEST_AGREED,
        EventType.COMPLAINT_MADE,
        EventType.OVERSIGHT_PANEL_REVIEWED,
    }
)
# Triggers that hold only on their own date.
SINGLE_TRIGGERS = {
    EventType.SAFEGUARDING_REFERRAL: SAFEGUARDING_REASON,
    EventType.ESCALATION_REQUESTED: ESCALATION_REASON,
    EventType.CETR_REQUEST_AGREED: AGREED_EARLY_REASON,
}
REVIEW_NAMES = {
    Kind.COMMUNITY_CETR: "the community C(E)TR for a red rating",
    Kind.SIX_WEEK_CETR: "the C(E)TR 6 weeks after admission",
    Kind.POST_ADMISSION_CETR: "the post-admission C(E)TR",
    Kind.REPEAT_CETR: "the repeat C(E)TR",
    Kind.TRANSFER_CETR: "the C(E)TR after a transfer",
    Kind.DIAGNOSIS_CETR: "the C(E)TR after a diagnosis in hospital",
    Kind.DIAGNOSIS_REMOVAL_CETR: "the C(E)TR before removing a diagnosis",
}


def oversight_visit_obligations(context: Context) -> Iterator[Obligation]:
    """From the admission, and then from each visit, the next visit falls due: 6 weeks for CYP, 8 weeks for
    adults, on the pathway of the day the clock restarted. A visit is met by the next one; the last one open
    ends with the stay."""
    timeline = context.timeline
    for admission in context.admissions:
        visits = timeline.dated(
            EventType.OVERSIGHT_VISIT, on_or_after=admission.date, before=admission.ended_on
        )
        raised_by = [admission.event, *visits]
        for index, raised in enumerate(raised_by):
            pathway = context.pathway(raised.date)
            span = OVERSIGHT_VISIT_CYP if pathway is Pathway.CYP else OVERSIGHT_VISIT_ADULT
            next_visit = visits[index] if index < len(visits) else None
            if next_visit is None and admission.ended:
                continue
            yield make(
                Kind.OVERSIGHT_VISIT,
                raised,
                span.after(raised.date),
                next_visit,
                OVERSIGHT_VISIT_BASIS[pathway],
            )


@dataclass(frozen=True, slots=True)
class Trigger:
    """Something that puts the person before the ICS oversight panel (s18), from `on`. A lasting one still
    holds on a later date until `until` (exclusive; None while it goes on)."""

    on: dt.date
    reason: str
    ref: str | None
    lasting: bool = False
    until: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        return self.lasting and self.on <= day and (self.until is None or self.until > day)


def _earliest(*dates: dt.date | None) -> dt.date | None:
    return min((d for d in dates if d is not None), default=None)


def panel_triggers(context: Context) -> list[Trigger]:
    """Whom s18 sends to the ICS oversight panel, each on the date it happened, in date order."""
    timeline = context.timeline
    facts = context.facts
    triggers: list[Trigger] = []

    for declined in timeline.dated(EventType.CETR_DECLINED)[DECLINED_REVIEWS_FOR_PANEL - 1 :]:
        triggers.append(Trigger(declined.date, DECLINED_REASON, declined.ref))
    for event_type, reason in SINGLE_TRIGGERS.items():
        for event in timeline.dated(event_type):
            if event_type == EventType.ESCALATION_REQUESTED:
                by = ESCALATED_BY.get(event.data.get("by", ""), "someone")
                triggers.append(Trigger(event.date, reason.format(by=by), event.ref))
            else:
                triggers.append(Trigger(event.date, reason, event.ref))
    for complaint in timeline.dated(EventType.COMPLAINT_MADE):
        resolved = timeline.first(EventType.COMPLAINT_RESOLVED, on_or_after=complaint.date)
        triggers.append(
            Trigger(
                complaint.date, COMPLAINT_REASON, complaint.ref, True, resolved.date if resolved else None
            )
        )

    for admission in context.admissions:
        ended_on = admission.ended_on
        pathway = admission.pathway
        if pathway is Pathway.CYP or not facts.moj_restricted:
            reached = (LONG_STAY_CYP if pathway is Pathway.CYP else LONG_STAY_ADULT).after(admission.date)
            if reached <= context.today and (ended_on is None or ended_on > reached):
                triggers.append(
                    Trigger(reached, LONG_STAY_REASON[pathway], admission.event.ref, True, ended_on)
                )
        for start, reached in segregations_reaching_48_hours(context, admission):
            stopped = timeline.first(EventType.SEGREGATION_ENDED, on_or_after=start.date)
            until = _earliest(stopped.date if stopped else None, ended_on)
            triggers.append(Trigger(reached, SEGREGATION_REASON, start.ref, True, until))
        for rated in timeline.dated(
            EventType.WARD_RATED_INADEQUATE, on_or_after=admission.date, before=ended_on
        ):
            moved = next((t for t in admission.transfers if t.date >= rated.date), None)
            until = _earliest(moved.date if moved else None, ended_on)
            triggers.append(Trigger(rated.date, INADEQUATE_REASON, rated.ref, True, until))

    for review, obligation in context.late_reviews:
        due = obligation.due
        assert due is not None  # only obligations with a due date are noted late (`Context.review`)
        reason = LATE_REVIEW_REASON.format(
            review=REVIEW_NAMES.get(obligation.kind, obligation.kind), due=f"{due.day} {due:%B %Y}"
        )
        triggers.append(Trigger(review.date, reason, review.ref))

    triggers.sort(key=lambda trigger: trigger.on)
    return triggers


def panel_obligations(context: Context) -> Iterator[Obligation]:
    """s18: the ICS oversight panel, meeting at least quarterly, reviews each person a trigger sends to it.

    A person has at most one open review: it is due 3 months after the earliest trigger not yet reviewed, and
    a panel review on or after that trigger meets it. After a review, a trigger that lasts (a long stay,
    segregation, an unresolved complaint, an inadequate ward) still holding that day sends the person back,
    due 3 months after the review. Triggers on a date count before a panel review on the same date.

    Run after the rules for C(E)TRs, whose late reviews it reads from the context.
    """
    if not context.admissions and not context.late_reviews and not _PANEL_EVENTS & context.timeline.types():
        return
    triggers = panel_triggers(context)
    reviews = context.timeline.dated(EventType.OVERSIGHT_PANEL_REVIEWED)
    pending: dt.date | None = None
    pending_ref: str | None = None
    reasons: list[str] = []
    next_trigger = 0
    for review in reviews:
        while next_trigger < len(triggers) and triggers[next_trigger].on <= review.date:
            trigger = triggers[next_trigger]
            if pending is None:
                pending, pending_ref = trigger.on, trigger.ref
            if trigger.reason not in reasons:
                reasons.append(trigger.reason)
            next_trigger += 1
        if pending is None:
            continue
        yield Obligation(
            Kind.OVERSIGHT_PANEL_REVIEW,
            pending,
            PANEL_REVIEW.after(pending),
            review.date,
            PANEL_BASIS,
            tuple(reasons),
            pending_ref,
            review.ref,
        )
        lasting = [t for t in triggers[:next_trigger] if t.holds_on(review.date)]
        if lasting:
            pending, pending_ref = review.date, review.ref
            reasons = list(dict.fromkeys(t.reason for t in lasting))
        else:
            pending, pending_ref, reasons = None, None, []
    for trigger in triggers[next_trigger:]:
        if pending is None:
            pending, pending_ref = trigger.on, trigger.ref
        if trigger.reason not in reasons:
            reasons.append(trigger.reason)
    if pending is not None:
        yield Obligation(
            Kind.OVERSIGHT_PANEL_REVIEW,
            pending,
            PANEL_REVIEW.after(pending),
            None,
            PANEL_BASIS,
            tuple(reasons),
            pending_ref,
        )
