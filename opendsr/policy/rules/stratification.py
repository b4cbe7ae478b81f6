"""What a risk stratification (RAG rating) decision sets in motion (policy s4 and Table 1; toolkit Part 1)."""

from __future__ import annotations

from collections.abc import Iterator

from opendsr.policy.calendar import Days, age_on
from opendsr.policy.model import EventType, Kind, Obligation, Rating
from opendsr.policy.timeline import Context, make

COMMUNICATE_OUTCOME = Days(1)  # 000 Part 1: the outcome is communicated "within 24 hours of a decision"
KEYWORKER_MAX_AGE = 25  # s4, s9.2: referral to the keyworker service for people aged 0 to 25

COMMUNICATE_BASIS = (
    "s4 and toolkit Part 1: communicate the outcome of a risk stratification to the person and the referrer "
    "within 24 hours of the decision"
)
COMMUNITY_CETR_BASIS = (
    "s4 and Table 2: a red rating needs a community C(E)TR, immediately, unless one has taken place"
)
KEYWORKER_BASIS = (
    "s4 and s9.2: refer a person rated red or amber, aged 25 or under, to the keyworker service "
    "if not already known to it"
)
MDT_OR_CETR_BASIS = "s4: an amber rating needs a multi-agency meeting and/or a C(E)TR (no timescale given)"
CARER_CONTINGENCY_BASIS = (
    "s9.5: discuss a carer contingency plan with the unpaid carer of a person rated red or amber"
)

_REVIEW_OR_ADMISSION = (EventType.CETR_HELD, EventType.ADMITTED)
_MEETING_OR_REVIEW = (EventType.MDT_HELD, EventType.CETR_HELD)


def stratification_obligations(context: Context) -> Iterator[Obligation]:
    """Each decision, the first or a re-rating, raises its own obligations (s4, Table 1)."""
    timeline = context.timeline
    facts = context.facts
    for _, decision in timeline.each(EventType.STRATIFIED):
        decided = decision.date
        rating = decision.data.get("rating")
        yield make(
            Kind.COMMUNICATE_OUTCOME,
            decision,
            COMMUNICATE_OUTCOME.after(decided),
            timeline.first(EventType.OUTCOME_COMMUNICATED, on_or_after=decided),
            COMMUNICATE_BASIS,
        )
        if rating != Rating.RED and rating != Rating.AMBER:
            continue
        if rating == Rating.RED and context.admission_on(decided) is None:
            # Met by a C(E)TR, or overtaken by an admission, after which the admission rules apply.
            yield context.review(
                Kind.COMMUNITY_CETR,
                decision,
                decided,
                timeline.first_of(_REVIEW_OR_ADMISSION, on_or_after=decided),
                COMMUNITY_CETR_BASIS,
            )
        if not facts.known_to_keyworker and age_on(facts.date_of_birth, decided) <= KEYWORKER_MAX_AGE:
            yield make(
                Kind.KEYWORKER_REFERRAL,
                decision,
                decided,
                timeline.first(EventType.KEYWORKER_REFERRED, on_or_after=decided),
                KEYWORKER_BASIS,
            )
        if rating == Rating.AMBER:
            yield make(
                Kind.MDT_OR_CETR,
                decision,
                None,
                timeline.first_of(_MEETING_OR_REVIEW, on_or_after=decided),
                MDT_OR_CETR_BASIS,
            )
        if facts.has_unpaid_carer:
            yield make(
                Kind.CARER_CONTINGENCY,
                decision,
                None,
                timeline.first(EventType.CARER_CONTINGENCY_DISCUSSED, on_or_after=decided),
                CARER_CONTINGENCY_BASIS,
            )
