"""Every Appendix 9 measure OpenDSR reports: its title, what it counts, where the policy asks for it, and how
to work it out from the register (`measures`). The page, the downloads and the charts read this list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from opendsr.policy import Kind
from opendsr.policy.rules import admission, oversight, referral, reviews, stratification
from opendsr.reporting import measures as m
from opendsr.web.formatting import timescale
from opendsr.web.labels import KIND_LABELS

COUNT = "count"
RATE = "rate"
STAY = "stay"
NOT_HELD = "not_held"

AVOIDED_DEFINITION = (
    f"Of the community C(E)TRs and local area emergency protocol (LAEP) meetings held for people rated red or "
    f"amber on the day, counted in the period in which the {timescale(m.AVOIDED_WITHIN)} after the meeting "
    f"ended: how many were not followed by an admission to a mental health hospital within those "
    f"{timescale(m.AVOIDED_WITHIN)}. The policy sets no time; OpenDSR uses {timescale(m.AVOIDED_WITHIN)}, the "
    f"look-back Table 2 uses for a community C(E)TR before an admission."
)


@dataclass(frozen=True)
class Measure:
    key: str
    section: str
    title: str
    definition: str
    citation: str
    kind: str
    compute: Callable[[m.Register, m.Period], object] | None = None
    met_label: str = "On time"


def _on_time(kind: Kind) -> Callable[[m.Register, m.Period], m.OnTime]:
    return lambda register, period: m.on_time(register, [kind], period)


def _readmissions(register: m.Register, period: m.Period, within_days: int) -> m.OnTime:
    return m.readmissions(register, period, within_days)


REFERRALS = "Referrals"
COMMUNITY = "Community C(E)TRs and admissions"
INPATIENTS = "Inpatients"
QUALITY = "Reports, oversight and actions"
EXPERIENCE = "Experience"

ON_TIME = "Of those due in the period whose due date has passed, the number met by the due date the register worked out from the policy."

MEASURES: list[Measure] = [
    Measure(
        "referrals_received",
        REFERRALS,
        "Referrals received",
        "Referrals to the dynamic support register received in the period.",
        "Appendix 9: whether each area has a DSR and monitors it; 000 Part 1",
        COUNT,
        lambda r, p: m.count(r, "referral_received", p),
    ),
    Measure(
        "referrals_acknowledged",
        REFERRALS,
        f"Referrals acknowledged within {timescale(referral.ACKNOWLEDGE_REFERRAL)}",
        ON_TIME,
        "000 Part 1: receipt notified within five working days",
        RATE,
        _on_time(Kind.ACKNOWLEDGE_REFERRAL),
    ),
    Measure(
        "referrals_stratified",
        REFERRALS,
        f"Ratings decided within {timescale(referral.STRATIFY_REFERRAL)} of the referral",
        ON_TIME,
        "s4; 000 Part 1: risk stratification within four weeks of the referral",
        RATE,
        _on_time(Kind.STRATIFY_REFERRAL),
    ),
    Measure(
        "outcome_told",
        REFERRALS,
        f"Rating told to the person and the referrer within {timescale(stratification.COMMUNICATE_OUTCOME)}",
        ON_TIME,
        "000 Part 1: the outcome communicated within 24 hours of the decision",
        RATE,
        _on_time(Kind.COMMUNICATE_OUTCOME),
    ),
    Measure(
        "referral_process",
        REFERRALS,
        f"Whole referral process finished within {timescale(referral.REFERRAL_PROCESS)}",
        ON_TIME,
        "000 Part 1: the whole referral process within four weeks",
        RATE,
        _on_time(Kind.REFERRAL_PROCESS_COMPLETE),
    ),
    Measure(
        "community_cetrs_held",
        COMMUNITY,
        "Community C(E)TRs held",
        "Community Care (Education) and Treatment Reviews held in the period.",
        "Appendix 9: whether the C(E)TR policy is adhered to; s13",
        COUNT,
        lambda r, p: m.count(r, "cetr_held", p, kind="community"),
    ),
    Measure(
        "community_cetrs_on_time",
        COMMUNITY,
        "Community C(E)TRs for people rated red, on time",
        ON_TIME,
        "s13.1, Table 1: a community C(E)TR for everyone rated red; Appendix 9",
        RATE,
        _on_time(Kind.COMMUNITY_CETR),
    ),
    Measure(
        "admissions",
        COMMUNITY,
        "Admissions to a mental health hospital",
        "Admissions recorded in the period.",
        "Appendix 9: whether people are admitted following a community C(E)TR",
        COUNT,
        lambda r, p: m.count(r, "admitted", p),
    ),
    Measure(
        "admissions_after_review",
        COMMUNITY,
        "Admissions that had a community C(E)TR or LAEP first",
        f"Of the admissions in the period, the number where the person had a community C(E)TR or a LAEP meeting "
        f"in the {timescale(admission.COMMUNITY_REVIEW_LOOKBACK)} before (Table 2's look-back).",
        "Appendix 9: admissions following a community C(E)TR; Table 2; Appendix 8",
        RATE,
        m.admissions_after_community_review,
        met_label="Had one first",
    ),
    Measure(
        "admissions_avoided",
        COMMUNITY,
        "Admissions avoided",
        AVOIDED_DEFINITION,
        "Appendix 9: rates of admission among people whose admission was previously avoided",
        RATE,
        m.admissions_avoided,
        met_label="Not admitted",
    ),
    Measure(
        "length_of_stay",
        INPATIENTS,
        "Length of stay",
        "For each discharge in the period, the days from the admission it ended to the discharge: the median, "
        "and how many fall in each band.",
        "Appendix 9: for those admitted, whether length of stay following C(E)TRs is falling",
        STAY,
        m.lengths_of_stay,
    ),
    *[
        Measure(
            f"readmitted_{days}",
            INPATIENTS,
            f"Readmissions within {days} days of discharge",
            f"Of the admissions in the period of people who had been discharged before, the number that came "
            f"within {days} days of the last discharge.",
            "Appendix 9: re-admission following discharge from an inpatient setting",
            RATE,
            partial(_readmissions, within_days=days),
            met_label=f"Within {days} days",
        )
        for days in m.READMISSION_DAYS
    ],
    *[
        Measure(
            f"inpatient_{kind}",
            INPATIENTS,
            f"{KIND_LABELS[kind]}: on time",
            ON_TIME,
            "Table 2; s14: inpatient C(E)TRs by kind; Appendix 9: whether C(E)TR standards are met",
            RATE,
            _on_time(kind),
        )
        for kind in m.INPATIENT_CETR_KINDS
    ],
    Measure(
        "reports_on_time",
        QUALITY,
        f"C(E)TR reports sent within {timescale(reviews.CETR_REPORT)}",
        ON_TIME,
        "s16.6: the report within two weeks (10 working days) of the C(E)TR",
        RATE,
        _on_time(Kind.CETR_REPORT),
    ),
    Measure(
        "oversight_visits",
        QUALITY,
        "Commissioner oversight visits on time",
        ON_TIME
        + f" Visits are due every {timescale(oversight.OVERSIGHT_VISIT_CYP)} for children and young people and every "
        f"{timescale(oversight.OVERSIGHT_VISIT_ADULT)} for adults.",
        "s16.1; Appendix 4",
        RATE,
        _on_time(Kind.OVERSIGHT_VISIT),
    ),
    Measure(
        "oversight_panel",
        QUALITY,
        "Reviews by the ICS oversight panel on time",
        ON_TIME,
        "s18: the ICS oversight panel, meeting at least quarterly",
        RATE,
        _on_time(Kind.OVERSIGHT_PANEL_REVIEW),
    ),
    Measure(
        "actions_on_time",
        QUALITY,
        "Actions from C(E)TRs done on time",
        "Of the actions agreed at C(E)TRs that were due in the period and whose due date has passed, the number "
        "closed as done by the due date.",
        "Appendix 9: whether C(E)TR intelligence is collated and acted on; s16.6; Appendix 3 standards 5.10, 5.11",
        RATE,
        lambda r, p: m.actions_on_time(r, p),
        met_label="Done on time",
    ),
    Measure(
        "experience",
        EXPERIENCE,
        "People's and families' experience of C(E)TRs and of their care",
        "OpenDSR does not record feedback from people and their families yet, so it cannot report this. Use "
        "your local feedback questionnaires.",
        "Appendix 9: whether C(E)TRs are a positive experience, and whether care improves after them",
        NOT_HELD,
    ),
]

BY_KEY = {measure.key: measure for measure in MEASURES}
SECTIONS = [REFERRALS, COMMUNITY, INPATIENTS, QUALITY, EXPERIENCE]
