"""Oversight of people in hospital: commissioner oversight visits (policy s16.1; toolkit Part 4) and the
ICS oversight panel (s18, s2.4.3, s13.2)."""

from __future__ import annotations

from collections.abc import Iterator

from opendsr.policy.calendar import Days, Months
from opendsr.policy.model import EventType, Kind, Obligation
from opendsr.policy.pathway import Pathway
from opendsr.policy.timeline import Context, make

OVERSIGHT_VISIT_CYP = Days(42)  # s16.1: an oversight visit "every six weeks for children"
OVERSIGHT_VISIT_ADULT = Days(56)  # s16.1: "every eight weeks for adults"
DECLINED_REVIEWS_FOR_PANEL = 2  # s2.4.3: declining a C(E)TR "on two or more occasions" goes to the panel
LONG_STAY_CYP = Months(6)  # s18: children and young people "with a stay of six months or longer"
LONG_STAY_ADULT = Months(12)  # s18: adults "with a stay 12 months or longer (unless restricted by MoJ)"

OVERSIGHT_VISIT_BASIS = {
    Pathway.CYP: "s16.1: commissioner oversight visit every 6 weeks while a child is in hospital",
    Pathway.ADULT: "s16.1: commissioner oversight visit at least every 8 weeks while an adult is in hospital",
}
PANEL_BASIS = "s18: review by the ICS oversight panel, which meets at least quarterly"
DECLINED_REASON = "Declined a C(E)TR twice or more (s2.4.3)"
LONG_STAY_REASON = {
    Pathway.CYP: "Inpatient stay reached 6 months (s18)",
    Pathway.ADULT: "Inpatient stay reached 12 months (s18)",
}
LATE_REVIEW_REASON = "C(E)TR held after its due date (s13.2, s18): {review} was due {due}"
AGREED_EARLY_REASON = "C(E)TR agreed on request, outside the usual timescale (s13.2, s18)"
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
        visits = [
            visit
            for position, visit in timeline.each(EventType.OVERSIGHT_VISIT)
            if admission.position < position < admission.end
        ]
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


def panel_obligations(context: Context) -> Iterator[Obligation]:
    """s18 lists whom the ICS oversight panel must review. Four of those the timeline shows: a C(E)TR
    declined twice or more; a C(E)TR agreed on request outside the usual timescale; a long stay; C(E)TRs held
    outside the usual timeframes (s13.2). Each occurrence
    raises its own review, with no due date (the next quarterly panel) and nothing in the timeline to meet it.

    Run after the rules for C(E)TRs, whose late reviews it reads from the context.
    """
    timeline = context.timeline
    declines = timeline.positions(EventType.CETR_DECLINED)
    if len(declines) >= DECLINED_REVIEWS_FOR_PANEL:
        second = timeline.events[declines[DECLINED_REVIEWS_FOR_PANEL - 1]]
        yield make(Kind.OVERSIGHT_PANEL_REVIEW, second, None, None, PANEL_BASIS, (DECLINED_REASON,))

    # Each C(E)TR agreed on request, sooner than the usual timescale.
    for position in timeline.positions(EventType.CETR_REQUEST_AGREED):
        agreed = timeline.events[position]
        yield make(Kind.OVERSIGHT_PANEL_REVIEW, agreed, None, None, PANEL_BASIS, (AGREED_EARLY_REASON,))

    moj_restricted = context.facts.moj_restricted
    for admission in context.admissions:
        pathway = admission.pathway
        if pathway is Pathway.ADULT and moj_restricted:
            continue
        reached = (LONG_STAY_CYP if pathway is Pathway.CYP else LONG_STAY_ADULT).after(admission.date)
        ended_on = admission.ended_on
        if reached <= context.today and (ended_on is None or ended_on >= reached):
            yield Obligation(
                Kind.OVERSIGHT_PANEL_REVIEW,
                reached,
                None,
                None,
                PANEL_BASIS,
                (LONG_STAY_REASON[pathway],),
                admission.event.ref,
            )

    # One panel review for each C(E)TR held late, naming every obligation it met late.
    by_review: dict[int, tuple] = {}
    for review, obligation in context.late_reviews:
        due = obligation.due
        reason = LATE_REVIEW_REASON.format(
            review=REVIEW_NAMES.get(obligation.kind, obligation.kind), due=f"{due.day} {due:%B %Y}"
        )
        held = by_review.get(id(review))
        if held is None:
            by_review[id(review)] = (review, [reason])
        elif reason not in held[1]:
            held[1].append(reason)
    for review, reasons in sorted(by_review.values(), key=lambda held: (held[0].date, held[0].seq)):
        yield make(Kind.OVERSIGHT_PANEL_REVIEW, review, None, None, PANEL_BASIS, tuple(reasons))
