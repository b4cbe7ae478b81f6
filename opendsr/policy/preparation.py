"""Before and around a C(E)TR: how far ahead each step is taken, and what a safeguarding concern asks.

Lead times come from the C(E)TR toolkit's "Before the C(E)TR" (000) and the policy (001 s16.8, Appendix 5 for
advocacy); safeguarding from 001 Appendix 6. They are checklists for the people organising a review, not
obligations on the clock: a late step shows as late on the review's checklist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from opendsr.policy.calendar import Days, WorkingDays

CONSENT_LEAD = Days(14)  # 000 "Before the C(E)TR": "ideally two weeks" to consent and choose whom to invite
ADVOCACY_LEAD = Days(28)  # s16.8, Appendix 5: advocacy organisations need "at least a month ideally"
PANEL_LEAD = Days(14)  # 000: the panel is booked in time for its names to go out with the invitations
PANEL_DETAILS_LEAD = Days(7)  # 000: the person knows who is coming a week before
PAPERS_LEAD = WorkingDays(5)  # 000: papers reach the panel a working week before


class SafeguardingLevel(StrEnum):
    """The four levels of response to a safeguarding concern at a C(E)TR (Appendix 6)."""

    HALT = "halt"  # level 1: unsafe to stay where they are; the review halts
    URGENT = "urgent"  # level 2: needs urgent attention, raised at once
    AT_CONCLUSION = "at_conclusion"  # level 3: raised before the panel leaves
    AFTER = "after"  # level 4: found in the days after the review; the chair refers


# Appendix 6: how soon after the concern is raised the local authority is told (None: as soon as the chair has
# considered it, with no fixed day).
SAFEGUARDING_REFERRAL_WITHIN: dict[SafeguardingLevel, Days | None] = {
    SafeguardingLevel.HALT: Days(0),  # "the same day"
    SafeguardingLevel.URGENT: Days(0),  # "the same day"
    SafeguardingLevel.AT_CONCLUSION: Days(1),  # "the following day"
    SafeguardingLevel.AFTER: None,
}
# Appendix 6: at levels 1 and 2 the Care Quality Commission is notified and the chair records whom they told.
SAFEGUARDING_NOTIFY_CQC = frozenset({SafeguardingLevel.HALT, SafeguardingLevel.URGENT})


@dataclass(frozen=True)
class SafeguardingStep:
    text: str
    due: dt.date | None


def safeguarding_outstanding(
    level: SafeguardingLevel | str,
    raised_on: dt.date,
    *,
    referred_on: dt.date | None,
    cqc_notified_on: dt.date | None,
) -> list[SafeguardingStep]:
    """What Appendix 6 still asks for a concern raised on `raised_on` at `level`."""
    level = SafeguardingLevel(level)
    steps = []
    if referred_on is None:
        within = SAFEGUARDING_REFERRAL_WITHIN[level]
        due = within.after(raised_on) if within is not None else None
        when = (
            {0: "the same day", 1: "by the following day"}.get(within.n, "") if within is not None else "now"
        )
        steps.append(SafeguardingStep(f"Refer to the local authority {when}", due))
    if level in SAFEGUARDING_NOTIFY_CQC and cqc_notified_on is None:
        steps.append(SafeguardingStep("Notify the Care Quality Commission (CQC)", raised_on))
    return steps


@dataclass(frozen=True)
class PreparationStep:
    field: str  # the review's record of when it was done
    label: str
    lead: Days | WorkingDays  # how long before the review it is done
    guidance: str


PREPARATION_STEPS = (
    PreparationStep(
        "consent_confirmed_on", "Consent for the review confirmed", CONSENT_LEAD, "allow about two weeks"
    ),
    PreparationStep(
        "advocacy_notified_on", "Advocacy provider told about the review", ADVOCACY_LEAD, "ideally a month"
    ),
    PreparationStep("panel_confirmed_on", "Panel confirmed", PANEL_LEAD, "two weeks before"),
    PreparationStep(
        "panel_details_sent_on", "Panel names sent to the person", PANEL_DETAILS_LEAD, "a week before"
    ),
    PreparationStep("papers_shared_on", "Papers shared with the panel", PAPERS_LEAD, "5 working days before"),
)


def preparation_checklist(
    review_on: dt.date | None, done: dict[str, dt.date | None], today: dt.date, *, held: bool
) -> list[dict]:
    """The lead-time checklist for a review on `review_on`: each step, when it is due, when it was done (from
    `done`, by field), and whether it is late (not done, due date passed, review not yet held)."""
    rows = []
    for step in PREPARATION_STEPS:
        due = step.lead.before(review_on) if review_on is not None else None
        when = done.get(step.field)
        rows.append(
            {
                "field": step.field,
                "label": step.label,
                "due": due,
                "done": when,
                "guidance": step.guidance,
                "late": when is None and due is not None and due < today and not held,
            }
        )
    return rows
