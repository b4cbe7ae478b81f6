"""The figures as plain JSON, and back: what a monthly return keeps, and what the figures page reuses.

Only published values are kept (a hidden count is `null`), with the words each measure was explained by and the
small-numbers rule in force, so a kept return reads the same however the catalogue is worded later. Charts are
drawn again from the kept values (`queries.add_charts`); they hold nothing the values do not.
"""

from __future__ import annotations

import datetime as dt

from opendsr.reporting import catalogue, charts
from opendsr.reporting import disclosure as d
from opendsr.reporting import measures as m
from opendsr.reporting.queries import Breakdown, Figure, Figures, SeriesPoint

VERSION = 1


def _period(period: m.Period) -> list:
    return [period.start.isoformat(), period.end.isoformat(), period.label]


def _period_from(data: list) -> m.Period:
    return m.Period(dt.date.fromisoformat(data[0]), dt.date.fromisoformat(data[1]), data[2])


def _breakdown(b: Breakdown | None) -> dict | None:
    if b is None:
        return None
    return {
        "key": b.key,
        "title": b.title,
        "rows": [[label, c.shown] for label, c in b.rows],
        "total": b.total.shown,
    }


def _breakdown_from(data: dict | None) -> Breakdown | None:
    if data is None:
        return None
    rows = [(label, d.Published(shown)) for label, shown in data["rows"]]
    return Breakdown(data["key"], data["title"], rows, d.Published(data["total"]))


def _measure(measure: catalogue.Measure) -> dict:
    return {
        "key": measure.key,
        "section": measure.section,
        "title": measure.title,
        "definition": measure.definition,
        "citation": measure.citation,
        "kind": measure.kind,
        "met_label": measure.met_label,
    }


def to_json(figures: Figures) -> dict:
    """Everything the page and the downloads show, as JSON-ready data."""
    return {
        "version": VERSION,
        "icb_name": figures.icb_name,
        "today": figures.today.isoformat(),
        "as_at": figures.as_at.isoformat(),
        "period": _period(figures.period),
        "period_kind": figures.period_kind,
        "rule": {"threshold": figures.rule.threshold, "round_to": figures.rule.round_to},
        "rule_text": figures.rule.describe(),
        "on_register": figures.on_register.shown,
        "breakdowns": [_breakdown(b) for b in figures.breakdowns],
        "figures": [
            {
                "measure": _measure(f.measure),
                "text": f.text,
                "cells": [list(cell) for cell in f.cells],
                "series": [[_period(p.period), p.text, p.value] for p in f.series],
                "bands": _breakdown(f.bands),
            }
            for f in figures.figures
        ],
    }


def from_json(data: dict) -> Figures:
    figures = [
        Figure(
            catalogue.Measure(**item["measure"]),
            item["text"],
            [tuple(cell) for cell in item["cells"]],
            [SeriesPoint(_period_from(p), text, value) for p, text, value in item["series"]],
            _breakdown_from(item["bands"]),
        )
        for item in data["figures"]
    ]
    return Figures(
        icb_name=data["icb_name"],
        today=dt.date.fromisoformat(data["today"]),
        period=_period_from(data["period"]),
        period_kind=data["period_kind"],
        rule=d.Rule(**data["rule"]),
        on_register=d.Published(data["on_register"]),
        breakdowns=[_breakdown_from(b) for b in data["breakdowns"]],
        figures=figures,
        as_at=dt.date.fromisoformat(data["as_at"]),
        rule_text=data.get("rule_text", ""),
    )


def charts_to_json(figures: Figures) -> dict:
    """The drawn charts of figures, by the table each belongs to, so a kept copy need not draw them again."""

    def chart(c) -> list | None:
        return None if c is None else [c.src, c.title, c.description]

    out = {f"breakdown:{b.key}": chart(b.chart) for b in figures.breakdowns}
    for f in figures.figures:
        out[f"measure:{f.measure.key}"] = chart(f.chart)
        if f.bands is not None:
            out[f"bands:{f.measure.key}"] = chart(f.bands.chart)
    return out


def apply_charts(figures: Figures, data: dict) -> Figures:
    def chart(key: str):
        value = data.get(key)
        return None if value is None else charts.Chart(*value)

    for b in figures.breakdowns:
        b.chart = chart(f"breakdown:{b.key}")
    for f in figures.figures:
        f.chart = chart(f"measure:{f.measure.key}")
        if f.bands is not None:
            f.bands.chart = chart(f"bands:{f.measure.key}")
    return figures
