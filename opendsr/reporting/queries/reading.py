"""What the figures are read from: one ICB's timeline, its stored obligations and the actions agreed at C(E)TRs,
read as plain rows (`measures.Register`), and the ICB's small-numbers rule."""

from __future__ import annotations

import datetime as dt
import json

from django.db import connection

from opendsr.accounts.models import Organisation
from opendsr.register.models import (
    Obligation,
    TimelineEvent,
)
from opendsr.reporting import disclosure as d
from opendsr.reporting import measures as m
from opendsr.reporting.models import SmallNumbers
from opendsr.reviews.models import ActionStatus, ReviewAction


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


def raw_rows(queryset):
    """A queryset's rows as the database gives them, without Django's per-value converters: reading the whole
    ICB's timeline this way takes a fraction of the time."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(10_000):
            yield from chunk


def as_date(value) -> dt.date | None:
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
            as_date(date),
            (json.loads(data) if isinstance(data, str) else data or {}) if type_ in DATA_READ else {},
        )
        for person, type_, date, data in raw_rows(timeline)
    ]
    owed = [
        m.Owed(person, kind, as_date(due), as_date(met_on), as_date(ended_on))
        for person, kind, due, met_on, ended_on in raw_rows(
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
