"""Anonymised figures for one ICB: the Appendix 9 measures the register's data can answer.

Every figure is a count of the user's own ICB; no names or NHS numbers leave this module. Counts from 1 to 4
are shown as "fewer than 5" (small-number suppression, the usual disclosure control for health statistics),
and where one cell of a breakdown is suppressed the next smallest is too, so it cannot be worked out from the
total. Whether something was on time is read from the stored obligations (`register.Obligation`), whose due
dates the policy clock computed: this module compares dates, it never decides them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from opendsr.accounts.models import User
from opendsr.policy import Kind, Pathway, add_days, add_months, pathway_on
from opendsr.register.models import Location, Obligation, Person, Rating, RegisterStatus, TimelineEvent
from opendsr.web.formatting import timescales

TIMESCALES = timescales()

SMALL = 5  # counts below this (other than 0) are not shown
WINDOW_MONTHS = 12

CETR_KINDS = [
    Kind.COMMUNITY_CETR,
    Kind.SIX_WEEK_CETR,
    Kind.POST_ADMISSION_CETR,
    Kind.REPEAT_CETR,
    Kind.TRANSFER_CETR,
    Kind.DIAGNOSIS_CETR,
    Kind.DIAGNOSIS_REMOVAL_CETR,
]

NOT_YET_AVAILABLE = [
    "Admissions after a community C(E)TR",
    "Length of stay after C(E)TRs",
    "Re-admissions after discharge",
    "Admissions avoided",
    "The experience of people and their families",
    "Whether what C(E)TRs found was acted on",
]


# ------------------------------------------------------------------------------------------ disclosure control


@dataclass(frozen=True)
class Cell:
    """One published count: the text a reader sees, never the hidden value when it is suppressed."""

    label: str
    text: str
    shown: int | None  # the number, when it may be shown

    @property
    def suppressed(self) -> bool:
        return self.shown is None


def cell(label: str, value: int) -> Cell:
    if 0 < value < SMALL:
        return Cell(label, "fewer than 5", None)
    return Cell(label, f"{value:,}", value)


def breakdown(counts: list[tuple[str, int]]) -> list[Cell]:
    """Cells for a breakdown whose total is published: a lone suppressed cell takes the next smallest with it."""
    cells = [cell(label, value) for label, value in counts]
    hidden = [i for i, c in enumerate(cells) if c.suppressed]
    if len(hidden) == 1:
        candidates = [(value, i) for i, (_, value) in enumerate(counts) if i not in hidden and value > 0]
        if candidates:
            _, i = min(candidates)
            cells[i] = Cell(cells[i].label, "not shown, to protect small numbers", None)
    return cells


@dataclass(frozen=True)
class Rate:
    """'N of M were on time', with both counts protected, and the share when it can be shown."""

    label: str
    met: Cell
    of: Cell
    percent: int | None


def rate(label: str, met: int, of: int) -> Rate:
    of_cell = cell("of", of)
    met_cell = cell("met", met)
    if met_cell.shown is not None and 0 < of - met < SMALL:
        # The number that were late would be small, and readable from the two counts.
        met_cell = Cell("met", "not shown, to protect small numbers", None)
    percent = None
    if met_cell.shown is not None and of_cell.shown and of_cell.shown > 0:
        percent = round(100 * met / of)
    return Rate(label, met_cell, of_cell, percent)


# ------------------------------------------------------------------------------------------------- figures


@dataclass
class Figures:
    icb_name: str
    today: dt.date
    since: dt.date
    on_register: Cell
    by_rating: list[Cell]
    by_pathway: list[Cell]
    by_setting: list[Cell]
    admissions: Cell
    cetrs_held: Cell
    cetrs_on_time: Rate
    cetrs_overdue_now: Cell
    referrals_received: Cell
    referrals_acknowledged: Rate
    referrals_stratified: Rate
    not_yet_available: list[str] = field(default_factory=lambda: list(NOT_YET_AVAILABLE))

    def rows(self) -> list[tuple[str, str, str]]:
        """Every figure as (measure, group, value) for the CSV export."""
        out = [("People on the register", "All", self.on_register.text)]
        out += [("People on the register by rating", c.label, c.text) for c in self.by_rating]
        out += [("People on the register by pathway", c.label, c.text) for c in self.by_pathway]
        out += [("People on the register by setting", c.label, c.text) for c in self.by_setting]
        period = f"{self.since:%-d %B %Y} to {self.today:%-d %B %Y}"
        out += [
            ("Admissions to a mental health hospital", period, self.admissions.text),
            ("C(E)TRs held", period, self.cetrs_held.text),
            ("C(E)TRs that fell due", period, self.cetrs_on_time.of.text),
            ("C(E)TRs held on time", period, self.cetrs_on_time.met.text),
            ("C(E)TRs overdue", f"On {self.today:%-d %B %Y}", self.cetrs_overdue_now.text),
            ("Referrals received", period, self.referrals_received.text),
            (
                f"Referrals acknowledged within {TIMESCALES['acknowledge_referral']}",
                period,
                self.referrals_acknowledged.met.text,
            ),
            (
                f"Referrals stratified within {TIMESCALES['stratify_referral']}",
                period,
                self.referrals_stratified.met.text,
            ),
        ]
        return out


def _events(icb_id: int, type_: str, since: dt.date, today: dt.date):
    return TimelineEvent.objects.filter(
        person__icb_id=icb_id, type=type_, voided_at__isnull=True, date__gte=since, date__lte=today
    )


def _on_time(icb_id: int, kinds: list[str], since: dt.date, today: dt.date) -> tuple[int, int]:
    """Of the obligations of these kinds settled in the period (met in it, or gone overdue in it without being
    met; not those that ended because the person left the register): how many, and how many were met on or before the due date the policy clock gave them."""
    settled = Obligation.objects.filter(person__icb_id=icb_id, kind__in=kinds, due__isnull=False).filter(
        Q(met_on__gte=since, met_on__lte=today)
        | Q(met_on__isnull=True, ended_on__isnull=True, due__gte=since, due__lt=today)
    )
    total = met = 0
    for due, met_on in settled.values_list("due", "met_on").iterator():
        total += 1
        met += met_on is not None and met_on <= due
    return met, total


def figures_for(user: User, today: dt.date) -> Figures:
    icb_id = user.icb_id
    since = add_days(add_months(today, -WINDOW_MONTHS), 1)
    people = Person.objects.filter(icb_id=icb_id, status=RegisterStatus.ACTIVE)

    ratings = Counter(people.values_list("current_rating", flat=True))
    by_rating = breakdown(
        [(label, ratings.get(value, 0)) for value, label in Rating.choices]
        + [("Not yet rated", ratings.get("", 0))]
    )
    pathways = Counter(
        pathway_on(dob, today, has_ehcp=ehcp, in_cyp_tier4=tier4)
        for dob, ehcp, tier4 in people.values_list("date_of_birth", "has_ehcp", "in_cyp_tier4").iterator()
    )
    by_pathway = breakdown(
        [
            ("Children and young people", pathways.get(Pathway.CYP, 0)),
            ("Adults", pathways.get(Pathway.ADULT, 0)),
        ]
    )
    settings = Counter(people.values_list("location", flat=True))
    by_setting = breakdown([(label, settings.get(value, 0)) for value, label in Location.choices])

    cetr_kinds = [str(k) for k in CETR_KINDS]
    cetrs_met, cetrs_due = _on_time(icb_id, cetr_kinds, since, today)
    overdue_now = (
        Obligation.objects.filter(person__icb_id=icb_id, kind__in=cetr_kinds, is_open=True, due__lt=today)
        .values("person_id", "kind", "due")
        .distinct()
        .count()
    )
    acknowledged, acknowledge_due = _on_time(icb_id, [str(Kind.ACKNOWLEDGE_REFERRAL)], since, today)
    stratified, stratify_due = _on_time(icb_id, [str(Kind.STRATIFY_REFERRAL)], since, today)

    return Figures(
        icb_name=user.icb.name if user.icb else "",
        today=today,
        since=since,
        on_register=cell("All", people.count()),
        by_rating=by_rating,
        by_pathway=by_pathway,
        by_setting=by_setting,
        admissions=cell("Admissions", _events(icb_id, "admitted", since, today).count()),
        cetrs_held=cell("C(E)TRs held", _events(icb_id, "cetr_held", since, today).count()),
        cetrs_on_time=rate("C(E)TRs held on time", cetrs_met, cetrs_due),
        cetrs_overdue_now=cell("Overdue", overdue_now),
        referrals_received=cell("Referrals", _events(icb_id, "referral_received", since, today).count()),
        referrals_acknowledged=rate(
            f"Acknowledged within {TIMESCALES['acknowledge_referral']}", acknowledged, acknowledge_due
        ),
        referrals_stratified=rate(
            f"Stratified within {TIMESCALES['stratify_referral']}", stratified, stratify_due
        ),
    )
