"""What the figures are read from: one ICB's timeline, its stored obligations and the actions agreed at C(E)TRs,
read as plain rows (`measures.Register`), and the ICB's small-numbers rule."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import CharField, Count, F, Q
from django.db.models.functions import Cast

from opendsr.accounts.models import Organisation
from opendsr.register.models import (
    Obligation,
    TimelineEvent,
)
from opendsr.register.models.clock import DataText
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


# The event types the measures read, and the one key of `data` they read for some (the rest are read without it).
MEASURED_TYPES = (
    "referral_received",
    "stratified",
    "admitted",
    "discharged",
    "cetr_held",
    "laep_held",
    "left_register",
)
DATA_KEYS = {"stratified": "rating", "cetr_held": "kind"}
DATA_READ = set(DATA_KEYS)
# Events no measure reads one by one: the database counts them by day.
COUNTED_TYPES = ("referral_received",)
NO_DATA: dict = {}


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


def register_for(
    icb_id: int,
    today: dt.date,
    *,
    events_until: dt.date | None = None,
    due_between: tuple[dt.date, dt.date] | None = None,
) -> m.Register:
    """The ICB's timeline up to `events_until` (today unless said) and its obligations, as of `today`: those due
    between the two days of `due_between` when given (the figures read only the obligations due in their period
    and the months of its series, a year or so of several).

    The database does the counting it can: obligations come counted by kind and due date, and the events no
    measure reads one by one counted by day, so only the events read person by person (about one in eight of
    the timeline) are read one by one, with the one key of `data` each needs. Dates are read as ISO text: the
    database driver's date conversion would take longer than all the rest."""
    timeline = TimelineEvent.objects.filter(
        person__icb_id=icb_id, voided_at__isnull=True, date__lte=events_until or today
    ).order_by()
    day = Cast("date", CharField())
    dates: dict[str, dt.date] = {}
    datas: dict[
        tuple[str, str | None], dict
    ] = {}  # one for each type and value (a handful), shared, never changed

    def as_day(text: str) -> dt.date:
        if (found := dates.get(text)) is None:
            found = dates[text] = dt.date.fromisoformat(text[:10])
        return found

    def data_of(type_: str, value: str | None) -> dict:
        if (found := datas.get((type_, value))) is None:
            found = datas[(type_, value)] = (
                {DATA_KEYS[type_]: value} if value is not None and type_ in DATA_KEYS else NO_DATA
            )
        return found

    # Both keys for every event, as the (type, date, person, voided_at, rating, kind) index holds them, so that
    # the database reads them from the index and not from the events; each event keeps the one its type needs.
    events = [
        m.Event(person, type_, as_day(date), data_of(type_, rating if type_ == "stratified" else kind))
        for person, type_, date, rating, kind in raw_rows(
            timeline.filter(type__in=[t for t in MEASURED_TYPES if t not in COUNTED_TYPES])
            .annotate(day=day, rating=DataText("rating"), kind=DataText("kind"))
            .values_list("person_id", "type", "day", "rating", "kind")
        )
    ]
    counted = [
        (type_, as_date(date), number)
        for type_, date, number in raw_rows(
            timeline.filter(type__in=COUNTED_TYPES).values_list("type", "date").annotate(number=Count("id"))
        )
    ]
    obligations = Obligation.objects.filter(person__icb_id=icb_id, due__isnull=False)
    if due_between is not None:
        obligations = obligations.filter(due__gte=due_between[0], due__lte=due_between[1])
    owed = [
        m.OwedTally(kind, as_date(due), total, met)
        for kind, due, total, met in raw_rows(
            obligations.exclude(met_on__isnull=True, ended_on__isnull=False)
            .order_by()
            .values_list("kind", "due")
            .annotate(total=Count("id"), met=Count("id", filter=Q(met_on__lte=F("due"))))
        )
    ]
    actions = [
        m.ActionDue(due, closed_on if status == ActionStatus.DONE else None)
        for due, status, closed_on in ReviewAction.objects.filter(person__icb_id=icb_id).values_list(
            "due", "status", "closed_on"
        )
    ]
    return m.Register(events, owed, actions, today, counted=counted)
