"""The figures for a period: every Appendix 9 measure for the chosen month, quarter or year and month by month,
with the register on the period's last day, small numbers protected, and the charts drawn from what is shown."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from opendsr.accounts.models import Organisation
from opendsr.register.filling import cycle_collector_off
from opendsr.reporting import catalogue, charts
from opendsr.reporting import disclosure as d
from opendsr.reporting import measures as m
from opendsr.reporting.queries.on_a_day import BREAKDOWNS, counts_on
from opendsr.reporting.queries.reading import register_for, rule_for

SERIES_MONTHS = 12


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
    months = m.months_to(min(period.end, today), SERIES_MONTHS)
    as_at = min(period.end, today)
    # The register is read into about a hundred thousand tuples that live until the figures are made.
    with cycle_collector_off():
        register = register_for(
            icb.pk,
            today,
            events_until=events_until,
            due_between=(min(period.start, months[0].start), max(period.end, months[-1].end)),
        )
        items = [_figure(measure, register, period, rule, months) for measure in catalogue.MEASURES]
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
