"""The figures page served from a kept copy: the figures for one ICB, period and rule are worked out once and
reused until the register changes, or for a few minutes at most.

Working the figures out reads the ICB's whole timeline (about a second at 100,000 people); checking whether
anything changed reads four highest ids, each from its primary key. Any event recorded or voided, any change to
a person, any action at a C(E)TR and any recompute that changes an obligation writes a row with a new highest id
(a history row, or a new obligation), so the next view works the figures out again. What holds no new id (a
change of team, say) shows within `figures_seconds()`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max

from opendsr.accounts.models import Organisation
from opendsr.register.models import Obligation, Person, TimelineEvent
from opendsr.reporting import disclosure as d
from opendsr.reporting import measures as m
from opendsr.reporting import queries, snapshots
from opendsr.reviews.models import ReviewAction


def figures_seconds() -> int:
    """How long kept figures are reused at most: 5 minutes, or not at all under test unless a test asks."""
    default = 0 if getattr(settings, "TESTING", False) else 300
    return int(getattr(settings, "OPENDSR_FIGURES_CACHE_SECONDS", default))


def register_version() -> str:
    """Changes whenever an event, a person, a C(E)TR action or an obligation is written."""
    parts = [
        TimelineEvent.history.aggregate(n=Max("history_id"))["n"],
        Person.history.aggregate(n=Max("history_id"))["n"],
        ReviewAction.history.aggregate(n=Max("history_id"))["n"],
        Obligation.objects.aggregate(n=Max("id"))["n"],
    ]
    return ".".join(str(part or 0) for part in parts)


def figures_for_icb(
    icb: Organisation,
    today: dt.date,
    *,
    period_kind: str,
    ending: dt.date,
    rule: d.Rule,
    with_charts: bool = True,
) -> queries.Figures:
    """`queries.figures_for_icb`, kept and reused while the register is unchanged."""
    seconds = figures_seconds()
    if not seconds:
        return queries.figures_for_icb(
            icb, today, period_kind=period_kind, ending=ending, rule=rule, with_charts=with_charts
        )
    period = m.PERIODS.get(period_kind, m.quarter)(ending or today)
    key = (
        f"reporting:figures:{icb.pk}:{today}:{period_kind}:{period.start}:{rule.threshold}:{rule.round_to}:"
        f"{register_version()}"
    )
    kept = cache.get(key)
    if kept is None or (with_charts and kept.get("charts") is None):
        figures = queries.figures_for_icb(
            icb, today, period_kind=period_kind, ending=ending, rule=rule, with_charts=with_charts
        )
        kept = {
            "figures": snapshots.to_json(figures),
            "charts": snapshots.charts_to_json(figures) if with_charts else None,
        }
        cache.set(key, kept, seconds)
        return figures
    figures = snapshots.from_json(kept["figures"])
    if with_charts:
        snapshots.apply_charts(figures, kept["charts"])
    return figures
