"""Anonymised figures for one ICB, or for each ICB of a region: every Appendix 9 measure, for a chosen period and
month by month, with small numbers protected (`disclosure`).

Every figure is a count; no names or NHS numbers leave this module. The measures themselves are worked out in
`measures` from plain data this module reads: the timeline's events, the stored obligations (whose due dates
the policy clock computed) and the actions agreed at C(E)TRs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

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


def register_for(icb_id: int, today: dt.date) -> m.Register:
    events = [
        m.Event(person, type_, date, data or {})
        for person, type_, date, data in TimelineEvent.objects.filter(
            person__icb_id=icb_id, voided_at__isnull=True, date__lte=today
        )
        .values_list("person_id", "type", "date", "data")
        .iterator(chunk_size=5000)
    ]
    owed = [
        m.Owed(*row)
        for row in Obligation.objects.filter(person__icb_id=icb_id, due__isnull=False)
        .values_list("person_id", "kind", "due", "met_on", "ended_on")
        .iterator(chunk_size=5000)
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


def snapshot_counts(icb_id: int, today: dt.date) -> dict[str, list[tuple[str, int]]]:
    """People on the register today, by each grouping Appendix 9 and the regional return ask for."""
    people = Person.objects.filter(icb_id=icb_id, status=RegisterStatus.ACTIVE).values_list(
        "current_rating",
        "date_of_birth",
        "has_ehcp",
        "in_cyp_tier4",
        "sex",
        "ethnicity",
        "diagnosis",
        "location",
    )
    tallies: dict[str, Counter] = {key: Counter() for key, _ in BREAKDOWNS}
    for rating, born, ehcp, tier4, sex, ethnicity, diagnosis, location in people.iterator(chunk_size=5000):
        tallies["rating"][rating] += 1
        tallies["pathway"][pathway_on(born, today, has_ehcp=ehcp, in_cyp_tier4=tier4)] += 1
        tallies["age"][_age_band(age_on(born, today))] += 1
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

    def sections(self) -> list[tuple[str, list[Figure]]]:
        return [(s, [f for f in self.figures if f.measure.section == s]) for s in catalogue.SECTIONS]

    def rows(self) -> list[list]:
        """Every figure as (measure, group, period, value) for the download."""
        out: list[list] = []
        for b in self.breakdowns:
            on = f"On {self.today:%-d %B %Y}"
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
) -> Figures:
    rule = rule or rule_for(icb)
    period = m.PERIODS.get(period_kind, m.quarter)(ending or today)
    register = register_for(icb.pk, today)
    months = m.months_to(min(period.end, today), SERIES_MONTHS)
    figures = [_figure(measure, register, period, rule, months) for measure in catalogue.MEASURES]
    counts = snapshot_counts(icb.pk, today)
    breakdowns = []
    for key, title in BREAKDOWNS:
        rows, total = d.breakdown([n for _, n in counts[key]], rule)
        breakdowns.append(
            Breakdown(key, title, list(zip([label for label, _ in counts[key]], rows, strict=True)), total)
        )
    on_register = breakdowns[0].total
    if with_charts:
        for b in breakdowns:
            b.chart = charts.bar(
                f"People on the register {b.title.lower()}", [(label, c.shown) for label, c in b.rows]
            )
        for f in figures:
            if f.series:
                f.chart = charts.line(f.measure.title, f.unit, [(p.period.label, p.value) for p in f.series])
            if f.bands:
                f.bands.chart = charts.bar(
                    f"{f.measure.title}: discharges by length of stay",
                    [(label, c.shown) for label, c in f.bands.rows],
                )
    return Figures(icb.name, today, period, period_kind, rule, on_register, breakdowns, figures)


# ---------------------------------------------------------------------------------------------- downloads


def _notes(figures: Figures, width: int) -> list[list]:
    """The lines every download ends with: whose figures, and the small-numbers rule in force."""
    pad = [""] * (width - 2)
    return [
        [],
        ["Figures for", figures.icb_name, *pad],
        ["Made on", figures.today, *pad],
        ["Small numbers", f"{figures.rule.describe()} A hidden count reads {d.HIDDEN_MARK}.", *pad],
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


# ------------------------------------------------------------------------------------------------ regional


@dataclass
class RegionalRow:
    section: str
    title: str
    values: list[str]  # one per ICB, as that ICB's figures show it


@dataclass
class Regional:
    region: str
    today: dt.date
    period: m.Period
    icbs: list[Organisation]
    rules: list[d.Rule]
    rows: list[RegionalRow]

    def sections(self) -> list[tuple[str, list[RegionalRow]]]:
        out: list[tuple[str, list[RegionalRow]]] = []
        for row in self.rows:
            if not out or out[-1][0] != row.section:
                out.append((row.section, []))
            out[-1][1].append(row)
        return out

    def download(self) -> tuple[list[str], list[list]]:
        columns = ["Section", "Measure", *(icb.name for icb in self.icbs)]
        rows = [[row.section, row.title, *row.values] for row in self.rows]
        rows.append([])
        rows += [
            ["Small numbers", icb.name, rule.describe()]
            for icb, rule in zip(self.icbs, self.rules, strict=True)
        ]
        rows.append(["Period", self.period.label, f"Made on {self.today:%-d %B %Y}"])
        return columns, rows


def icbs_in_region_of(user) -> list[Organisation]:
    """The ICBs in the region of the user's home ICB: never a person, only organisations."""
    home = user.icb
    if home is None or not home.region:
        return []
    return list(Organisation.objects.filter(kind="icb", region=home.region).order_by("name"))


def regional_figures(
    user,
    today: dt.date,
    *,
    period_kind: str = "quarter",
    ending: dt.date | None = None,
    round_to_5: bool | None = None,
) -> Regional:
    """Each ICB's figures as that ICB publishes them (its own small-numbers rule), side by side. There is no
    regional total: a total across ICBs could give away a count one ICB hides."""
    icbs = icbs_in_region_of(user)
    period = m.PERIODS.get(period_kind, m.quarter)(ending or today)
    rules = [rule_for(icb, round_to_5=round_to_5) for icb in icbs]
    each = [
        figures_for_icb(icb, today, period_kind=period_kind, ending=ending, rule=rule, with_charts=False)
        for icb, rule in zip(icbs, rules, strict=True)
    ]
    rows: list[RegionalRow] = []
    if each:
        rows.append(
            RegionalRow(
                "People on the register today", "People on the register", [f.on_register.text for f in each]
            )
        )
        for n, breakdown in enumerate(each[0].breakdowns):
            for r, (label, _) in enumerate(breakdown.rows):
                rows.append(
                    RegionalRow(
                        f"People on the register today: {breakdown.title.lower()}",
                        label,
                        [f.breakdowns[n].rows[r][1].text for f in each],
                    )
                )
        for n, figure in enumerate(each[0].figures):
            rows.append(
                RegionalRow(figure.measure.section, figure.measure.title, [f.figures[n].text for f in each])
            )
    region = user.icb.get_region_display() if user.icb and user.icb.region else ""
    return Regional(region, today, period, icbs, rules, rows)
