"""The figures as tables to download: every figure, or one table of the page, ending with whose figures they
are and the small-numbers rule in force."""

from __future__ import annotations

from opendsr.reporting import catalogue
from opendsr.reporting import disclosure as d
from opendsr.reporting.queries.figures import Figures


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
