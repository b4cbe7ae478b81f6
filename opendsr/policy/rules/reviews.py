"""After a C(E)TR: the report (policy s16.6)."""

from __future__ import annotations

from collections.abc import Iterator

from opendsr.policy.calendar import WorkingDays
from opendsr.policy.model import EventType, Kind, Obligation
from opendsr.policy.timeline import Context, make

CETR_REPORT = WorkingDays(10)  # s16.6: the report is sent "within two weeks (10 working days) of the C(E)TR"

CETR_REPORT_BASIS = (
    "s16.6: send the C(E)TR report to the person, their family and those involved within 10 working days"
)


def report_obligations(context: Context) -> Iterator[Obligation]:
    """Every C(E)TR, of any kind and wherever held, is followed by its report; this outlasts a discharge."""
    timeline = context.timeline
    for _, review in timeline.each(EventType.CETR_HELD):
        yield make(
            Kind.CETR_REPORT,
            review,
            CETR_REPORT.after(review.date),
            timeline.first(EventType.CETR_REPORT_SENT, on_or_after=review.date),
            CETR_REPORT_BASIS,
        )
