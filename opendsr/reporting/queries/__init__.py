"""Anonymised figures for one ICB, or for each ICB of a region: every Appendix 9 measure, for a chosen period and
month by month, with small numbers protected (`disclosure`).

Every figure is a count; no names or NHS numbers leave this module. The measures themselves are worked out in
`measures` from plain data this module reads: the timeline's events, the stored obligations (whose due dates
the policy clock computed) and the actions agreed at C(E)TRs.
"""

from opendsr.reporting.queries.downloads import table_rows
from opendsr.reporting.queries.emails import EmailSent, emails_for
from opendsr.reporting.queries.figures import (
    SERIES_MONTHS,
    Breakdown,
    Figure,
    Figures,
    SeriesPoint,
    add_charts,
    figures_for_icb,
)
from opendsr.reporting.queries.on_a_day import AGE_BANDS, BREAKDOWNS, ETHNIC_GROUPS, counts_on
from opendsr.reporting.queries.reading import DATA_READ, MEASURED_TYPES, register_for, rule_for

__all__ = [
    "AGE_BANDS",
    "BREAKDOWNS",
    "DATA_READ",
    "EmailSent",
    "ETHNIC_GROUPS",
    "MEASURED_TYPES",
    "SERIES_MONTHS",
    "Breakdown",
    "Figure",
    "Figures",
    "SeriesPoint",
    "add_charts",
    "counts_on",
    "emails_for",
    "figures_for_icb",
    "register_for",
    "rule_for",
    "table_rows",
]
