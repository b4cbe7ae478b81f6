"""C(E)TRs while a person is in a mental health hospital (policy s13 Table 2, s14.2 to s14.7, Appendix 10).

These obligations belong to one admission. When the person is discharged, those still open end without being
met and are left out (the policy's timescales are for inpatients); those met stay as a record. The review for
a proposed removal of a diagnosis is the exception: it is owed before the change is made, whether or not the
person has since left hospital.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from opendsr.policy.calendar import Days, Months, Weeks, WorkingDays, age_on
from opendsr.policy.model import Event, EventType, Kind, Obligation, ReviewKind, Setting
from opendsr.policy.pathway import Pathway
from opendsr.policy.rules.stratification import KEYWORKER_MAX_AGE
from opendsr.policy.timeline import Admission, Context, Timeline, make

# Table 2: a community C(E)TR "prior to admission" is one held in the 6 months before it.
COMMUNITY_REVIEW_LOOKBACK = Months(6)
SIX_WEEK_CETR = Days(42)  # Table 2, s14.3: "6 weeks after admission" when a community C(E)TR was held
POST_ADMISSION_CYP = WorkingDays(10)  # Table 2, s14.2: CETR "within 14 days (10 working days)"
POST_ADMISSION_ADULT = WorkingDays(20)  # Table 2, s14.2: CTR "within 28 days (20 working days)"
REPEAT_CYP = Months(3)  # Table 2: CYP repeat reviews "3 monthly"
REPEAT_ADULT_NON_SECURE = Months(6)  # Table 2: adults in non-secure services "6 monthly"
REPEAT_ADULT_SECURE = Months(12)  # Table 2: adults in secure services "12 monthly"
TRANSFER_CETR = Days(42)  # Table 2, s14.5: "within 6 weeks of transfer"
DIAGNOSIS_CYP = WorkingDays(10)  # s14.6: post-admission timescales, 10 working days for CYP
DIAGNOSIS_ADULT = WorkingDays(20)  # s14.6: post-admission timescales, 20 working days for adults
# Table 2, s14.7: a C(E)TR "prior to any diagnostic changes being formally made": by the day before.
DIAGNOSIS_REMOVAL_LEAD = Days(1)
MOJ_CONTACT = Days(7)  # Appendix 10: the responsible clinician contacts the MoJ "within one week" of the CTR
# s14.4: a person in long-term segregation for 48 hours is entitled to an independent C(E)TR.
SEGREGATION_ENTITLEMENT = Days(2)
# s14.4: "the NHS regional lead responsible for reporting to the national team every six weeks to identify people
# subject to LTS and therefore entitled to an IC(E)TR".
LTS_REPORT = Weeks(6)

SIX_WEEK_BASIS = "Table 2: C(E)TR 6 weeks after admission when a community C(E)TR was held before it"
POST_ADMISSION_BASIS = {
    Pathway.CYP: "Table 2: CETR within 10 working days of admission when no community CETR was held",
    Pathway.ADULT: "Table 2: CTR within 20 working days of admission when no community CTR was held",
}
CRIMINAL_JUSTICE_BASIS = {
    Pathway.CYP: "Table 2: CETR within 10 working days of an admission via the criminal justice route",
    Pathway.ADULT: (
        "Table 2: adults admitted via the criminal justice route are exempt from a community CTR; "
        "post-admission CTR within 20 working days"
    ),
}
REPEAT_CYP_BASIS = "Table 2: repeat CETR every 3 months while an inpatient (children and young people)"
REPEAT_NON_SECURE_BASIS = "Table 2: repeat CTR every 6 months while an inpatient in a non-secure service"
REPEAT_SECURE_BASIS = "Table 2: repeat CTR every 12 months while an inpatient in a secure service"
TRANSFER_BASIS = (
    "Table 2, s14.5: C(E)TR within 6 weeks of a transfer to another hospital or a change in security level"
)
DIAGNOSIS_BASIS = {
    Pathway.CYP: "s14.6: CETR within 10 working days of a diagnosis given in hospital",
    Pathway.ADULT: "s14.6: CTR within 20 working days of a diagnosis given in hospital",
}
DIAGNOSIS_REMOVAL_BASIS = (
    "Table 2, s14.7: C(E)TR before the removal of a diagnosis of autism or a learning disability is made"
)
INDEPENDENT_BASIS = (
    "s14.4: a person in long-term segregation for 48 hours is entitled to an independent C(E)TR, by the date "
    "of their next C(E)TR"
)
SIT_AND_SEE_BASIS = (
    "s16.1: a commissioner's sit-and-see visit (at least three hours on the ward) before a planned inpatient "
    "C(E)TR"
)
KEYWORKER_ADMISSION_BASIS = (
    "s9.2: refer a person aged 25 or under who is admitted to hospital to the keyworker service, if not "
    "already known to it or referred"
)
MOJ_CONTACT_BASIS = (
    "Appendix 10: for a restricted patient, the responsible clinician tells the Ministry of Justice the CTR "
    "outcome within one week"
)


def repeat_interval(pathway: Pathway, setting: str | None) -> tuple[Months, str]:
    """Table 2: 3-monthly for children and young people; for adults 6-monthly (non-secure) or 12-monthly
    (secure)."""
    if pathway is Pathway.CYP:
        return REPEAT_CYP, REPEAT_CYP_BASIS
    if setting == Setting.SECURE:
        return REPEAT_ADULT_SECURE, REPEAT_SECURE_BASIS
    return REPEAT_ADULT_NON_SECURE, REPEAT_NON_SECURE_BASIS


def _community_review_before(context: Context, admission: Admission) -> bool:
    """A community C(E)TR (not a LAEP, which is not a C(E)TR: Appendix 8) dated in the 6 months before the
    admission: on or after the admission date less 6 months, and before the admission date."""
    return any(
        review.data.get("kind") == ReviewKind.COMMUNITY
        for review in context.timeline.dated(
            EventType.CETR_HELD,
            on_or_after=COMMUNITY_REVIEW_LOOKBACK.before(admission.date),
            before=admission.date,
        )
    )


def _keep(obligation: Obligation, admission: Admission) -> bool:
    """Obligations still open when the admission ended end with it and are left out."""
    return obligation.met_on is not None or not admission.ended


def _during(context: Context, admission: Admission, type: EventType, *, on_or_after=None) -> list[Event]:
    """Events of `type` dated within the stay (and on or after `on_or_after`)."""
    since = admission.date if on_or_after is None else max(on_or_after, admission.date)
    return context.timeline.dated(type, on_or_after=since, before=admission.ended_on)


def _first_during(
    context: Context, admission: Admission, type: EventType, *, on_or_after=None
) -> Event | None:
    since = admission.date if on_or_after is None else max(on_or_after, admission.date)
    return context.timeline.first(type, on_or_after=since, before=admission.ended_on)


def _post_admission(context: Context, admission: Admission) -> Obligation:
    """Table 2, s14.2, s14.3: the first C(E)TR of a stay. Six weeks after admission when a community C(E)TR
    was held before it; otherwise, or always after an admission via the criminal justice route (exempt from
    a community CTR), within 10 working days (CYP) or 20 (adults)."""
    first_review = _first_during(context, admission, EventType.CETR_HELD)
    if not admission.via_criminal_justice and _community_review_before(context, admission):
        return context.review(
            Kind.SIX_WEEK_CETR,
            admission.event,
            SIX_WEEK_CETR.after(admission.date),
            first_review,
            SIX_WEEK_BASIS,
        )
    pathway = admission.pathway
    span = POST_ADMISSION_CYP if pathway is Pathway.CYP else POST_ADMISSION_ADULT
    basis = (CRIMINAL_JUSTICE_BASIS if admission.via_criminal_justice else POST_ADMISSION_BASIS)[pathway]
    return context.review(
        Kind.POST_ADMISSION_CETR, admission.event, span.after(admission.date), first_review, basis
    )


def _repeat_reviews(context: Context, admission: Admission) -> Iterator[Obligation]:
    """Table 2: each C(E)TR during a stay sets the date of the next, on the pathway and in the setting of the
    day it was held."""
    reviews = _during(context, admission, EventType.CETR_HELD)
    for index, review in enumerate(reviews):
        interval, basis = repeat_interval(context.pathway(review.date), admission.setting_on(review.date))
        next_review = reviews[index + 1] if index + 1 < len(reviews) else None
        yield context.review(Kind.REPEAT_CETR, review, interval.after(review.date), next_review, basis)


def _transfer_reviews(context: Context, admission: Admission) -> Iterator[Obligation]:
    """Table 2, s14.5: a transfer to another hospital, or to a different security level, needs a C(E)TR."""
    for transfer in admission.transfers:
        yield context.review(
            Kind.TRANSFER_CETR,
            transfer,
            TRANSFER_CETR.after(transfer.date),
            _first_during(context, admission, EventType.CETR_HELD, on_or_after=transfer.date),
            TRANSFER_BASIS,
        )


def _diagnosis_reviews(context: Context, admission: Admission) -> Iterator[Obligation]:
    """s14.6: a diagnosis given in hospital brings the person into the C(E)TR programme on post-admission
    timescales, judged on the date of the diagnosis."""
    for diagnosis in _during(context, admission, EventType.DIAGNOSED_IN_HOSPITAL):
        pathway = context.pathway(diagnosis.date)
        span = DIAGNOSIS_CYP if pathway is Pathway.CYP else DIAGNOSIS_ADULT
        yield context.review(
            Kind.DIAGNOSIS_CETR,
            diagnosis,
            span.after(diagnosis.date),
            _first_during(context, admission, EventType.CETR_HELD, on_or_after=diagnosis.date),
            DIAGNOSIS_BASIS[pathway],
        )


def _moj_contacts(context: Context, admission: Admission) -> Iterator[Obligation]:
    """Appendix 10: after each CTR of a restricted patient the MoJ is told the outcome within a week."""
    for review in _during(context, admission, EventType.CETR_HELD):
        yield make(
            Kind.MOJ_CONTACT,
            review,
            MOJ_CONTACT.after(review.date),
            _first_during(context, admission, EventType.MOJ_CONTACTED, on_or_after=review.date),
            MOJ_CONTACT_BASIS,
        )


def review_obligations(context: Context, admission: Admission) -> list[Obligation]:
    """The C(E)TRs a stay needs (Table 2, s14.2 to s14.6), met or not."""
    found = [_post_admission(context, admission)]
    found.extend(_repeat_reviews(context, admission))
    found.extend(_transfer_reviews(context, admission))
    found.extend(_diagnosis_reviews(context, admission))
    return found


def segregations_reaching_48_hours(context: Context, admission: Admission) -> Iterator[tuple[Event, dt.date]]:
    """s14.4: each long-term segregation of the stay that lasted 48 hours by today, with the date it did (its
    start + 2 days): not ended before then, and the stay not over before then."""
    timeline = context.timeline
    ended_on = admission.ended_on
    for start in _during(context, admission, EventType.SEGREGATION_STARTED):
        reached = SEGREGATION_ENTITLEMENT.after(start.date)
        if reached > context.today or (ended_on is not None and ended_on < reached):
            continue
        if timeline.first(EventType.SEGREGATION_ENDED, on_or_after=start.date, before=reached) is not None:
            continue
        yield start, reached


def _independent_review(context: Context, admission: Admission) -> Obligation | None:
    """s14.4: segregation lasting 48 hours entitles the person to an independent C(E)TR, once a stay, by the
    date the stay's next C(E)TR was due when the 48 hours were reached (none due: no date)."""
    for start, reached in segregations_reaching_48_hours(context, admission):
        then = Context(
            context.facts, Timeline(e for e in context.timeline.events if e.date <= reached), reached
        )
        stay_then = then.admission_on(start.date)
        dues = [] if stay_then is None else _open_dues(then, stay_then)
        met = next(
            (
                review
                for review in _during(context, admission, EventType.CETR_HELD, on_or_after=start.date)
                if review.data.get("kind") == ReviewKind.INDEPENDENT
            ),
            None,
        )
        return make(Kind.INDEPENDENT_CETR, start, min(dues, default=None), met, INDEPENDENT_BASIS)
    return None


def _open_dues(context: Context, admission: Admission) -> list[dt.date]:
    """The due dates of the stay's C(E)TRs still owed, as they stood in `context`."""
    return [
        obligation.due
        for obligation in review_obligations(context, admission)
        if obligation.met_on is None and obligation.due is not None and _keep(obligation, admission)
    ]


def _sit_and_see_visits(context: Context, admission: Admission) -> Iterator[Obligation]:
    """s16.1: a commissioner's sit-and-see visit before each C(E)TR arranged while the person is in hospital."""
    visits = [
        visit
        for visit in _during(context, admission, EventType.OVERSIGHT_VISIT)
        if visit.data.get("sit_and_see")
    ]
    for planned in _during(context, admission, EventType.CETR_PLANNED):
        yield make(
            Kind.SIT_AND_SEE,
            planned,
            _as_date(planned.data.get("planned_date")),
            next((visit for visit in visits if visit.date >= planned.date), None),
            SIT_AND_SEE_BASIS,
        )


def _keyworker_on_admission(context: Context, admission: Admission) -> Obligation | None:
    """s9.2: a person aged 25 or under admitted to hospital, not known to the keyworker service and not
    referred to it before the admission, is referred to it."""
    facts = context.facts
    if facts.known_to_keyworker or age_on(facts.date_of_birth, admission.date) > KEYWORKER_MAX_AGE:
        return None
    timeline = context.timeline
    if timeline.first(EventType.KEYWORKER_REFERRED, before=admission.date) is not None:
        return None
    return make(
        Kind.KEYWORKER_REFERRAL,
        admission.event,
        admission.date,
        timeline.first(EventType.KEYWORKER_REFERRED, on_or_after=admission.date),
        KEYWORKER_ADMISSION_BASIS,
    )


def admission_obligations(context: Context) -> Iterator[Obligation]:
    moj_restricted = context.facts.moj_restricted
    for admission in context.admissions:
        found = review_obligations(context, admission)
        if moj_restricted:
            found.extend(_moj_contacts(context, admission))
        independent = _independent_review(context, admission)
        if independent is not None:
            found.append(independent)
        found.extend(_sit_and_see_visits(context, admission))
        for obligation in found:
            if _keep(obligation, admission):
                yield obligation
        keyworker = _keyworker_on_admission(context, admission)
        if keyworker is not None:
            yield keyworker
    yield from diagnosis_removal_obligations(context)


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def diagnosis_removal_obligations(context: Context) -> Iterator[Obligation]:
    """Table 2, s14.7: when removing a diagnosis is proposed, a C(E)TR is held before the change is made."""
    timeline = context.timeline
    for _, proposal in timeline.each(EventType.DIAGNOSIS_REMOVAL_PROPOSED):
        change_date = _as_date(proposal.data.get("change_date"))
        yield context.review(
            Kind.DIAGNOSIS_REMOVAL_CETR,
            proposal,
            DIAGNOSIS_REMOVAL_LEAD.before(change_date) if change_date is not None else None,
            timeline.first(EventType.CETR_HELD, on_or_after=proposal.date),
            DIAGNOSIS_REMOVAL_BASIS,
        )
