"""Anonymised figures for one ICB, or for each ICB of a region: every Appendix 9 measure, for a chosen period and
month by month, with small numbers protected (`disclosure`).

Every figure is a count; no names or NHS numbers leave this module. The measures themselves are worked out in
`measures` from plain data this module reads: the timeline's events, the stored obligations (whose due dates
the policy clock computed) and the actions agreed at C(E)TRs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection

from opendsr.accounts.models import Organisation
from opendsr.policy import Pathway, age_on, pathway_on
from opendsr.register.models import (
    Diagnosis,
    Location,
    Obligation,
    Person,
    Rating,
    RegisterStatus,
    Sex,
    TimelineEvent,
)
from opendsr.reporting import catalogue, charts
from opendsr.reporting import disclosure as d
from opendsr.reporting import measures as m
from opendsr.reporting.models import SmallNumbers
from opendsr.reviews.models import ActionStatus, ReviewAction

SERIES_MONTHS = 12

AGE_BANDS = [
    ("Under 14", 13),
    ("14 to 17", 17),
    ("18 to 24", 24),
    ("25 to 34", 34),
    ("35 to 49", 49),
    ("50 to 64", 64),
    ("65 and over", None),
]
# NHS Data Dictionary ethnic category: the five groups, with not stated and not known.
ETHNIC_GROUPS = [
    ("White", "ABC"),
    ("Mixed or multiple ethnic groups", "DEFG"),
    ("Asian or Asian British", "HJKL"),
    ("Black or Black British", "MNP"),
    ("Other ethnic groups", "RS"),
    ("Not stated", "Z"),
    ("Not known", "9"),
]


def rule_for(icb: Organisation, *, round_to_5: bool | None = None) -> d.Rule:
    """The ICB's small-numbers rule; rounding to the nearest 5 may be chosen for one view of the figures."""
    setting = SmallNumbers.objects.filter(icb=icb).first() or SmallNumbers(icb=icb)
    rounding = setting.round_to_5 if round_to_5 is None else round_to_5
    return d.Rule(threshold=setting.threshold, round_to=5 if rounding else 1)


# ------------------------------------------------------------------------------------------------ loading


# The event types the measures read, and those whose `data` they read (the rest are loaded without it).
MEASURED_TYPES = (
    "referral_received",
    "stratified",
    "admitted",
    "discharged",
    "cetr_held",
    "laep_held",
    "left_register",
)
DATA_READ = {"stratified", "cetr_held"}


def _rows(queryset):
    """A queryset's rows as the database gives them, without Django's per-value converters: reading the whole
    ICB's timeline this way takes a fraction of the time."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(10_000):
            yield from chunk


def _date(value) -> dt.date | None:
    """A date as the database gives it: a date, a datetime, or (SQLite) its ISO text."""
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(value[:10])


def register_for(icb_id: int, today: dt.date, *, events_until: dt.date | None = None) -> m.Register:
    """The ICB's timeline up to `events_until` (today unless said) and its obligations, as of `today`."""
    timeline = TimelineEvent.objects.filter(
        person__icb_id=icb_id,
        voided_at__isnull=True,
        date__lte=events_until or today,
        type__in=MEASURED_TYPES,
    ).values_list("person_id", "type", "date", "data")
    events = [
        m.Event(
            person,
            type_,
            _date(date),
            (json.loads(data) if isinstance(data, str) else data or {}) if type_ in DATA_READ else {},
        )
        for person, type_, date, data in _rows(timeline)
    ]
    owed = [
        m.Owed(person, kind, _date(due), _date(met_on), _date(ended_on))
        for person, kind, due, met_on, ended_on in _rows(
            Obligation.objects.filter(person__icb_id=icb_id, due__isnull=False)
            .order_by()
            .values_list("person_id", "kind", "due", "met_on", "ended_on")
        )
    ]
    actions = [
        m.ActionDue(due, closed_on if status == ActionStatus.DONE else None)
        for due, status, closed_on in ReviewAction.objects.filter(person__icb_id=icb_id).values_list(
            "due", "status", "closed_on"
        )
    ]
    return m.Register(events, owed, actions, today)


def _age_band(age: int) -> str:
    return next(label for label, upper in AGE_BANDS if upper is None or age <= upper)


def _ethnic_group(code: str) -> str:
    return next(label for label, codes in ETHNIC_GROUPS if code[:1] in codes)


def counts_on(
    icb_id: int, day: dt.date, register: m.Register, today: dt.date
) -> dict[str, list[tuple[str, int]]]:
    """People on the register at the end of `day`, by each grouping Appendix 9 and the regional return ask for.

    Who was on the register, with which rating, and who was in hospital are read from the timeline up to `day`
    (`measures.standing_on`), so the figures for a past month stay as they were when later-dated events are
    recorded. Sex, ethnic group, diagnosis, EHCP and tier 4 are as recorded now (corrections, not dated events);
    age and pathway are worked out for `day`. Waiting in urgent and emergency care is not a dated event, so it
    shows only in today's figures. Someone added from an earlier register without a dated rating counts from
    the day they were added to OpenDSR, with the rating and place recorded for them."""
    people = Person.objects.filter(icb_id=icb_id).values_list(
        "id",
        "status",
        "created_at",
        "current_rating",
        "location",
        "date_of_birth",
        "has_ehcp",
        "in_cyp_tier4",
        "sex",
        "ethnicity",
        "diagnosis",
    )
    tallies: dict[str, Counter] = {key: Counter() for key, _ in BREAKDOWNS}
    for (
        pk,
        status,
        created,
        rating_now,
        location_now,
        born,
        ehcp,
        tier4,
        sex,
        ethnicity,
        diagnosis,
    ) in _rows(people.order_by()):
        standing = m.standing_on(register.by_person.get(pk, ()), day)
        if standing.dated:
            on, rating = standing.on_register, standing.rating
        else:  # nothing dated: on the register from the day they were added, with the rating recorded
            on = status == RegisterStatus.ACTIVE and _date(created) <= day
            rating = standing.rating if standing.inpatient is not None else rating_now
        if not on:
            continue
        if standing.inpatient:
            location = Location.INPATIENT
        elif standing.inpatient is None and location_now == Location.INPATIENT:
            location = Location.INPATIENT  # in hospital, undated (added from an earlier register)
        elif location_now == Location.URGENT_CARE and day >= today:
            location = Location.URGENT_CARE
        else:
            location = Location.COMMUNITY
        tallies["rating"][rating] += 1
        born = _date(born)
        tallies["pathway"][pathway_on(born, day, has_ehcp=bool(ehcp), in_cyp_tier4=bool(tier4))] += 1
        tallies["age"][_age_band(age_on(born, day))] += 1
        tallies["sex"][sex] += 1
        tallies["ethnicity"][_ethnic_group(ethnicity or "99")] += 1
        tallies["diagnosis"][diagnosis] += 1
        tallies["setting"][location] += 1
    groups = {
        "rating": [(label, value) for value, label in Rating.choices] + [("Not yet rated", "")],
        "pathway": [("Children and young people", Pathway.CYP), ("Adults", Pathway.ADULT)],
        "age": [(label, label) for label, _ in AGE_BANDS],
        "sex": [(label, value) for value, label in Sex.choices],
        "ethnicity": [(label, label) for label, _ in ETHNIC_GROUPS],
        "diagnosis": [(label, value) for value, label in Diagnosis.choices],
        "setting": [(label, value) for value, label in Location.choices],
    }
    return {
        key: [(label, tallies[key].get(value, 0)) for label, value in groups[key]] for key, _ in BREAKDOWNS
    }


BREAKDOWNS = [
    ("rating", "By rating"),
    ("pathway", "By pathway"),
    ("age", "By age"),
    ("sex", "By sex"),
    ("ethnicity", "By ethnic group (NHS Data Dictionary)"),
    ("diagnosis", "By diagnosis"),
    ("setting", "By where they are"),
]


# ------------------------------------------------------------------------------------------------ figures


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[tuple[str, d.Published]]
    total: d.Published
    chart: charts.Chart | None = None


@dataclass
class SeriesPoint:
    period: m.Period
    text: str
    value: float | None  # what the chart plots: a count, or a percentage; None when not shown


@dataclass
class Figure:
    measure: catalogue.Measure
    text: str  # the period's figure as a sentence fragment
    cells: list[tuple[str, str]]  # (heading, value) for the period's table and download
    series: list[SeriesPoint] = field(default_factory=list)
    bands: Breakdown | None = None
    chart: charts.Chart | None = None

    @property
    def unit(self) -> str:
        return "Per cent" if self.measure.kind == catalogue.RATE else "Number"


@dataclass
class Figures:
    icb_name: str
    today: dt.date
    period: m.Period
    period_kind: str
    rule: d.Rule
    on_register: d.Published
    breakdowns: list[Breakdown]
    figures: list[Figure]
    as_at: dt.date  # the day the register counts are for: the period's end, or today while it runs
    rule_text: str = ""  # the rule's words when the figures were made (a kept return keeps them)

    @property
    def rule_words(self) -> str:
        return self.rule_text or self.rule.describe()

    def sections(self) -> list[tuple[str, list[Figure]]]:
        names = list(catalogue.SECTIONS)
        names += [f.measure.section for f in self.figures if f.measure.section not in names]
        return [(s, items) for s in names if (items := [f for f in self.figures if f.measure.section == s])]

    def rows(self) -> list[list]:
        """Every figure as (measure, group, period, value) for the download."""
        out: list[list] = []
        for b in self.breakdowns:
            on = f"On {self.as_at:%-d %B %Y}"
            out += [[f"People on the register: {b.title.lower()}", label, on, c.mark] for label, c in b.rows]
            out.append([f"People on the register: {b.title.lower()}", "Total", on, b.total.mark])
        for f in self.figures:
            out += [[f.measure.title, heading, self.period.label, value] for heading, value in f.cells]
        return out


def _rate_text(rate: d.Rate) -> str:
    if rate.total.shown == 0:
        return "None fell due in this period"
    percent = f" ({rate.percent}%)" if rate.percent is not None else ""
    return f"{rate.met.text} of {rate.total.text}{percent}".capitalize()


def _figure(
    measure: catalogue.Measure, register: m.Register, period: m.Period, rule: d.Rule, months
) -> Figure:
    if measure.kind == catalogue.NOT_HELD:
        return Figure(measure, "Not recorded in OpenDSR", [("Figure", "Not recorded in OpenDSR")])
    result = measure.compute(register, period)
    series: list[SeriesPoint] = []
    bands = None
    if measure.kind == catalogue.COUNT:
        shown = d.single(result.value, rule)
        text, cells = shown.text, [("Number", shown.mark)]
        for month in months:
            point = d.single(measure.compute(register, month).value, rule)
            series.append(SeriesPoint(month, point.text, point.shown))
    elif measure.kind == catalogue.RATE:
        rate = d.rate(result.met, result.total, rule)
        text = _rate_text(rate)
        cells = [
            (measure.met_label, rate.met.mark),
            ("Of", rate.total.mark),
            ("Per cent", rate.percent if rate.percent is not None else ""),
        ]
        for month in months:
            value = measure.compute(register, month)
            point = d.rate(value.met, value.total, rule)
            series.append(
                SeriesPoint(
                    month,
                    "None"
                    if value.total == 0
                    else (f"{point.percent}%" if point.percent is not None else d.HIDDEN_TEXT),
                    point.percent,
                )
            )
    else:  # length of stay
        counted = d.single(len(result.days), rule)
        median = result.median if not counted.hidden and result.days else None
        text = (
            "No discharges in this period"
            if not result.days
            else f"Median {median:g} days, over {counted.text} discharges"
            if median is not None
            else f"{counted.text.capitalize()} discharges: the median is not shown"
        )
        rows, total = d.breakdown([n for _, n in result.bands()], rule)
        bands = Breakdown(
            measure.key,
            "Length of stay",
            list(zip([label for label, _ in result.bands()], rows, strict=True)),
            total,
        )
        cells = [("Discharges", counted.mark), ("Median days", "" if median is None else median)]
        cells += [(label, c.mark) for label, c in bands.rows]
        for month in months:
            stay = measure.compute(register, month)
            n = d.single(len(stay.days), rule)
            value = stay.median if stay.days and not n.hidden else None
            series.append(
                SeriesPoint(
                    month,
                    "None" if not stay.days else (f"{value:g}" if value is not None else d.HIDDEN_TEXT),
                    value,
                )
            )
    return Figure(measure, text, cells, series, bands)


def figures_for_icb(
    icb: Organisation,
    today: dt.date,
    *,
    period_kind: str = "quarter",
    ending: dt.date | None = None,
    rule: d.Rule | None = None,
    with_charts: bool = True,
    events_until: dt.date | None = None,
) -> Figures:
    """The figures for the period that holds `ending` (today's by default), worked out as on `today`. The
    monthly return works them out as on the day after its month, from the whole timeline (`events_until`), so
    that a rating dated after the month still says the person was not on the register in it."""
    rule = rule or rule_for(icb)
    period = m.PERIODS.get(period_kind, m.quarter)(ending or today)
    register = register_for(icb.pk, today, events_until=events_until)
    months = m.months_to(min(period.end, today), SERIES_MONTHS)
    items = [_figure(measure, register, period, rule, months) for measure in catalogue.MEASURES]
    as_at = min(period.end, today)
    counts = counts_on(icb.pk, as_at, register, today)
    breakdowns = []
    for key, title in BREAKDOWNS:
        rows, total = d.breakdown([n for _, n in counts[key]], rule)
        breakdowns.append(
            Breakdown(key, title, list(zip([label for label, _ in counts[key]], rows, strict=True)), total)
        )
    on_register = breakdowns[0].total
    figures = Figures(icb.name, today, period, period_kind, rule, on_register, breakdowns, items, as_at)
    if with_charts:
        add_charts(figures)
    return figures


def add_charts(figures: Figures) -> Figures:
    """Draw the charts from the published values (a hidden value is a gap or a missing bar)."""
    for b in figures.breakdowns:
        b.chart = charts.bar(
            f"People on the register {b.title.lower()}", [(label, c.shown) for label, c in b.rows]
        )
    for f in figures.figures:
        if f.series:
            f.chart = charts.line(f.measure.title, f.unit, [(p.period.label, p.value) for p in f.series])
        if f.bands:
            f.bands.chart = charts.bar(
                f"{f.measure.title}: discharges by length of stay",
                [(label, c.shown) for label, c in f.bands.rows],
            )
    return figures


# ---------------------------------------------------------------------------------------------- downloads


def _notes(figures: Figures, width: int) -> list[list]:
    """The lines every download ends with: whose figures, and the small-numbers rule in force."""
    pad = [""] * (width - 2)
    return [
        [],
        ["Figures for", figures.icb_name, *pad],
        ["Made on", figures.today, *pad],
        ["Small numbers", f"{figures.rule_words} A hidden count reads {d.HIDDEN_MARK}.", *pad],
    ]


def table_rows(figures: Figures, key: str) -> tuple[list[str] | None, list[list], str]:
    """(columns, rows, title) of one table on the page, or of every figure when `key` is empty."""
    if not key:
        columns = ["Measure", "Group", "Period", "Value"]
        return columns, figures.rows() + _notes(figures, len(columns)), "Figures"
    kind, _, name = key.partition(":")
    if kind == "breakdown":
        for b in figures.breakdowns:
            if b.key == name:
                columns = [b.title.removeprefix("By ").capitalize(), "People"]
                rows = [[label, c.mark] for label, c in b.rows] + [["Total", b.total.mark]]
                return columns, rows + _notes(figures, len(columns)), f"Register {b.title.lower()}"
    if kind == "measure":
        for f in figures.figures:
            if f.measure.key == name and f.measure.kind != catalogue.NOT_HELD:
                columns = ["Period", *(heading for heading, _ in f.cells)]
                rows = [[figures.period.label, *(value for _, value in f.cells)]]
                series_heading = "Median days" if f.measure.kind == catalogue.STAY else f.unit
                rows += [[], ["Month", series_heading]]
                rows += [
                    [
                        p.period.label,
                        p.value
                        if p.value is not None
                        else (d.HIDDEN_MARK if p.text == d.HIDDEN_TEXT else ""),
                    ]
                    for p in f.series
                ]
                return columns, rows + _notes(figures, max(len(columns), 2)), f.measure.title[:31]
    return None, [], ""
