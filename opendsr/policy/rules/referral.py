"""Referral to the dynamic support register (toolkit Part 1; policy s3 and s5)."""

from __future__ import annotations

from collections.abc import Iterator

from opendsr.policy.calendar import Days, WorkingDays
from opendsr.policy.model import EventType, Kind, Obligation
from opendsr.policy.timeline import Context, make

ACKNOWLEDGE_REFERRAL = WorkingDays(5)  # 000 Part 1: notify receipt of a referral "within five working days"
STRATIFY_REFERRAL = Days(28)  # 000 Part 1: risk stratification "within four weeks of receiving a referral"

ACKNOWLEDGE_BASIS = (
    "toolkit Part 1: tell the person and the referrer that the referral was received, within 5 working days"
)
STRATIFY_BASIS = "s4 and toolkit Part 1: stratify the person's risk within 4 weeks of receiving the referral"
# 000 Part 1: receive the referral, stratify the risk and inform the person "within four weeks".
REFERRAL_PROCESS = Days(28)
PROCESS_BASIS = (
    "toolkit Part 1: the whole referral process (receive, stratify and tell the person and the referrer the "
    "outcome) within 4 weeks of receiving the referral"
)


def referral_obligations(context: Context) -> Iterator[Obligation]:
    """Every referral, from a professional or the person or family themselves (s5), is acknowledged and
    stratified; one acknowledgement or decision on or after a referral answers it."""
    timeline = context.timeline
    for _, referral in timeline.each(EventType.REFERRAL_RECEIVED):
        received = referral.date
        yield make(
            Kind.ACKNOWLEDGE_REFERRAL,
            referral,
            ACKNOWLEDGE_REFERRAL.after(received),
            timeline.first(EventType.REFERRAL_ACKNOWLEDGED, on_or_after=received),
            ACKNOWLEDGE_BASIS,
        )
        yield make(
            Kind.STRATIFY_REFERRAL,
            referral,
            STRATIFY_REFERRAL.after(received),
            decision := timeline.first(EventType.STRATIFIED, on_or_after=received),
            STRATIFY_BASIS,
        )
        yield make(
            Kind.REFERRAL_PROCESS_COMPLETE,
            referral,
            REFERRAL_PROCESS.after(received),
            None
            if decision is None
            else timeline.first(EventType.OUTCOME_COMMUNICATED, on_or_after=decision.date),
            PROCESS_BASIS,
        )
