"""The regional view: each ICB of a region's anonymised figures, as that ICB publishes them, side by side. Never
a person, and no regional total."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from opendsr.accounts.access import icbs_in_region_of
from opendsr.accounts.models import Organisation
from opendsr.reporting import disclosure as d
from opendsr.reporting import measures as m
from opendsr.reporting.queries import figures_for_icb, rule_for


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


def regional_figures(
    user,
    today: dt.date,
    *,
    period_kind: str = "quarter",
    ending: dt.date | None = None,
    round_to_5: bool | None = None,
    figures_for=None,
) -> Regional:
    """Each ICB's figures as that ICB publishes them (its own small-numbers rule), side by side. There is no
    regional total: a total across ICBs could give away a count one ICB hides."""
    icbs = icbs_in_region_of(user)
    period = m.PERIODS.get(period_kind, m.quarter)(ending or today)
    rules = [rule_for(icb, round_to_5=round_to_5) for icb in icbs]
    figures_for = figures_for or figures_for_icb
    each = [
        figures_for(icb, today, period_kind=period_kind, ending=ending, rule=rule, with_charts=False)
        for icb, rule in zip(icbs, rules, strict=True)
    ]
    rows: list[RegionalRow] = []
    if each:
        on = f"People on the register on {each[0].as_at:%-d %B %Y}"
        rows.append(RegionalRow(on, "People on the register", [f.on_register.text for f in each]))
        for n, breakdown in enumerate(each[0].breakdowns):
            for r, (label, _) in enumerate(breakdown.rows):
                rows.append(
                    RegionalRow(
                        f"{on}: {breakdown.title.lower()}",
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
