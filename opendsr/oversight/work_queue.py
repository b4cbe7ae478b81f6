"""Reads that feed the work queues, the oversight panel cohort and the reminder emails.

Every function takes the people a page covers, already scoped by `opendsr.accounts.access`, so nothing here can
reach another ICB's register. Due dates and met dates come from the stored obligations the policy clock wrote
(`opendsr.register.obligations`); status is worked out from them on the day of reading.

The work queue is ordered by due date, earliest first, with no date last. That one ordering gives the page's
sections in order: overdue (most overdue first), due in the next 7 days, in the next 28 days, then later."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Max, Q, QuerySet
from django.urls import reverse

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.accounts.models import Role, Team, User
from opendsr.oversight.links import action_for, person_url, reviews_in_progress
from opendsr.policy import CETR_KINDS, Kind
from opendsr.register import contributions
from opendsr.register.contributions import DUE_SOON_DAYS, WorkItem
from opendsr.register.models import (
    Obligation,
    RegisterStatus,
)
from opendsr.register.queries import pathway_filter
from opendsr.web.labels import kind_label
from opendsr.web.params import whole_number

WEEK = 7
MONTH = DUE_SOON_DAYS
SECTIONS = [
    ("overdue", "Overdue"),
    ("week", f"Due in the next {WEEK} days"),
    ("month", f"Due in the next {MONTH} days"),
    ("later", "Due later or no date set"),
]
SECTION_NAMES = dict(SECTIONS)


def section_of(due: dt.date | None, today: dt.date) -> str:
    if due is None:
        return "later"
    if due < today:
        return "overdue"
    if due <= today + dt.timedelta(days=WEEK):
        return "week"
    if due <= today + dt.timedelta(days=MONTH):
        return "month"
    return "later"


def item_from_obligation(
    obligation: Obligation,
    today: dt.date,
    in_progress: dict[tuple[int, str], int] | None = None,
    user: User | None = None,
) -> WorkItem:
    """One work-queue item. `in_progress` is `reviews_in_progress` for the people of a page, read once; `user`
    is whose queue it is (the item links only to a page they may open)."""
    person = obligation.person
    if in_progress is None:
        in_progress = reviews_in_progress([person.pk]) if obligation.kind in CETR_KINDS else {}
    action_url, action_text = action_for(
        obligation.kind,
        person.pk,
        obligation.raised_by,
        obligation.met_by,
        review_in_progress=in_progress.get((person.pk, obligation.kind)),
        user=user,
    )
    overdue = obligation.due is not None and obligation.due < today
    return WorkItem(
        kind=obligation.kind,
        label=kind_label(obligation.kind),
        person_id=person.pk,
        person_name=person.full_name,
        due=obligation.due,
        status="overdue" if overdue else "due",
        basis=obligation.basis,
        person_url=person_url(person.pk),
        action_url=action_url,
        action_text=action_text,
        extra={
            "nhs_number": person.nhs_number,
            "rating": person.current_rating,
            "team": person.team.name if person.team_id else "",
            "reasons": list(obligation.reasons or ()),
            "raised_on": obligation.raised_on,
        },
    )


# ------------------------------------------------------------------------------------------- who and what


@dataclass(frozen=True)
class WorkFilters:
    show: str = "all"  # caseload, team or all
    kind: str = ""
    team: str = ""
    rating: str = ""
    pathway: str = ""
    setting: str = ""


def teams_in(user: User) -> QuerySet:
    return Team.objects.filter(icb_id=user.icb_id).only("id", "name").order_by("name")


def default_show(user: User) -> str:
    return "caseload" if user.role == Role.CASE_MANAGER else "all"


def people_in_view(user: User, people: QuerySet, filters: WorkFilters, today: dt.date) -> QuerySet:
    """Narrow the people a user may see to those the page's filters ask for. People who have left the register
    have nothing due."""
    people = people.exclude(status=RegisterStatus.LEFT)
    if filters.show == "caseload":
        people = people.filter(case_manager=user)
    elif filters.show == "team":
        people = people.filter(team_id=user.team_id) if user.team_id else people.filter(case_manager=user)
    if whole_number(filters.team) is not None:
        people = people.filter(team_id=whole_number(filters.team))
    if filters.rating == "none":
        people = people.filter(current_rating="")
    elif filters.rating:
        people = people.filter(current_rating=filters.rating)
    if filters.pathway in ("cyp", "adult"):
        people = people.filter(pathway_filter(filters.pathway, today))
    if filters.setting:
        people = people.filter(location=filters.setting)
    return people


def open_obligations(people: QuerySet, kind: str = "", *, broad: bool = False) -> QuerySet:
    """The open obligations of these people.

    `is_open__in=[True]` rather than `is_open=True`: SQLite cannot use the (is_open, due) index for a bare
    boolean column, which is how Django writes the latter. For a broad scope (a whole ICB) the person test is
    written so that the database walks that index in due order and stops at the end of the page, instead of
    gathering every open obligation of every person first.
    """
    rows = Obligation.objects.filter(is_open__in=[True])
    if broad:
        rows = rows.alias(scoped_person=F("person_id") + 0).filter(scoped_person__in=people.values("pk"))
    else:
        rows = rows.filter(person__in=people.values("pk"))
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def by_due_date(rows: QuerySet) -> QuerySet:
    return rows.order_by(F("due").asc(nulls_last=True), "id")


def obligation_items(user: User, people: QuerySet, today: dt.date) -> list[WorkItem]:
    """The work queue's own items: the policy clock's open obligations."""
    rows = list(by_due_date(open_obligations(people)).select_related("person", "person__team"))
    in_progress = reviews_in_progress({row.person_id for row in rows})
    return [item_from_obligation(row, today, in_progress, user) for row in rows]


NEEDS_ALLOCATING = "needs_allocating"
# The kinds of item other than the clock's obligations, as the filter and the ICB view's table name them.
OTHER_KINDS = {
    "review_action": "C(E)TR actions",
    "visit_action": "Actions from oversight visits",
    "panel_action": "Oversight panel actions",
    "meeting_action": "DSR meeting actions",
    "escalation": "Escalations",
    "cetr_request": "C(E)TR requests and appeals to decide",
    "referral_dispute": "Referral disputes",
    "ask_again": "Dates to ask again",
    NEEDS_ALLOCATING: "Needs allocating",
}


def allocation_items(user: User, people: QuerySet, today: dt.date) -> list[WorkItem]:
    """People nobody owns (no team): on the queue of whoever may allocate them, until they are allocated."""
    if not access.allowed(user, Action.ALLOCATE):
        return []
    unowned = (
        people.filter(team__isnull=True).exclude(status=RegisterStatus.LEFT).order_by("created_at", "pk")
    )
    return [
        WorkItem(
            kind=NEEDS_ALLOCATING,
            label="Needs allocating",
            person_id=person.pk,
            person_name=person.full_name,
            due=today,
            status="due",
            basis=f"Added on {person.created_at.date():%-d %B %Y}. Nobody looks after them yet: give them a team "
            "and a case manager so that they are on someone's caseload.",
            person_url=person_url(person.pk),
            action_url=reverse("register:allocate", args=[person.pk]),
            action_text="Allocate",
            extra={"nhs_number": person.nhs_number, "rating": person.current_rating, "team": ""},
        )
        for person in unowned
    ]


def other_items(user: User, people: QuerySet, today: dt.date, kind: str = "") -> list[WorkItem]:
    """Items other than the clock's obligations: people who need allocating, and what the apps above the
    register contribute (C(E)TR actions from the reviews app)."""
    if kind and kind in set(Kind):
        return []
    items = allocation_items(user, people, today) + contributions.work_items(user, people, today)
    if kind:
        items = [item for item in items if item.kind == kind]
    return sorted(items, key=queue_order)


def queue_order(item) -> tuple:
    due = item.due if isinstance(item, WorkItem) else item[1]
    return (due is None, due or dt.date.min)


# ------------------------------------------------------------------------------------------- the work queue


def _counts(obligations: QuerySet, today: dt.date, *, by_kind: bool) -> list[dict]:
    """One pass over the open obligations: how many are overdue, due within 7 days, within 28 days, later, and
    with no date; per kind for the ICB overview."""
    week, month = today + dt.timedelta(days=WEEK), today + dt.timedelta(days=MONTH)
    counts = {
        "overdue": Count("id", filter=Q(due__lt=today)),
        "week": Count("id", filter=Q(due__gte=today, due__lte=week)),
        "month": Count("id", filter=Q(due__gt=week, due__lte=month)),
        "later_dated": Count("id", filter=Q(due__gt=month)),
        "undated": Count("id", filter=Q(due__isnull=True)),
    }
    if by_kind:
        return list(obligations.order_by().values("kind").annotate(**counts))
    return [obligations.order_by().aggregate(**counts)]


def counts_seconds() -> int:
    """How long the counts of a broad view are kept: a minute, or not at all under test unless a test asks."""
    default = 0 if getattr(settings, "TESTING", False) else 60
    return int(getattr(settings, "OPENDSR_COUNTS_CACHE_SECONDS", default))


def _cached_counts(user: User, filters: WorkFilters, obligations: QuerySet, today: dt.date, *, by_kind: bool):
    """Counting every open obligation in an ICB reads most of the table, so the counts of a broad view are kept
    for up to a minute. Any recompute that changes an obligation writes new rows, so a new highest id starts a
    fresh count at once; other changes (a person moving team) show within the minute. The rows themselves are
    always read live."""
    seconds = counts_seconds()
    if not seconds:
        return _counts(obligations, today, by_kind=by_kind)
    latest = Obligation.objects.aggregate(latest=Max("id"))["latest"] or 0
    scope = hashlib.sha256(repr(sorted(asdict(filters).items())).encode()).hexdigest()[:16]
    key = f"oversight:counts:{user.pk}:{today}:{int(by_kind)}:{latest}:{scope}"
    rows = cache.get(key)
    if rows is None:
        rows = _counts(obligations, today, by_kind=by_kind)
        cache.set(key, rows, seconds)
    return rows


@dataclass
class WorkList:
    """The merged, ordered work queue, sliced lazily so that a page reads only its own rows.

    Behaves as Django's Paginator wants (`count()` and slicing). Obligations are read from the database in due
    order (dated ones by the due-date index, then those with no date), and the few items from other sources are
    merged in by due date: each goes after every obligation due on or before its date.
    """

    obligations: QuerySet
    others: list[WorkItem]
    today: dt.date
    dated: int  # how many obligations have a due date
    undated: int
    ranks: list[int] = field(default_factory=list)  # for each other item, how many obligations come before it
    user: User | None = None  # whose queue: each item links only to pages they may open

    def count(self) -> int:
        return self.dated + self.undated + len(self.others)

    def __len__(self) -> int:
        return self.count()

    def _others_placed_before(self, position: int) -> int:
        """How many other items sit before this position of the merged list."""
        return sum(1 for i, rank in enumerate(self.ranks) if rank + i < position)

    def _others_before_obligation(self, position: int) -> int:
        """How many other items come before the obligation at this position of the obligations' own order."""
        return sum(1 for rank in self.ranks if rank <= position)

    def _obligation_rows(self, low: int, high: int) -> list[Obligation]:
        rows: list[Obligation] = []
        base = self.obligations.select_related("person", "person__team")
        if low < self.dated:
            dated = base.filter(due__isnull=False).order_by("due", "id")
            rows += list(dated[low : min(high, self.dated)])
        if high > self.dated:
            undated = base.filter(due__isnull=True).order_by("id")
            rows += list(undated[max(low, self.dated) - self.dated : high - self.dated])
        return rows

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = max(0, index.start or 0)
        stop = min(self.count(), index.stop if index.stop is not None else self.count())
        if stop <= start:
            return []
        low = start - self._others_placed_before(start)
        high = stop - self._others_placed_before(stop)
        placed = [
            (low + n + self._others_before_obligation(low + n), row)
            for n, row in enumerate(self._obligation_rows(low, high))
        ]
        placed += [
            (rank + i, item) for i, (rank, item) in enumerate(zip(self.ranks, self.others, strict=True))
        ]
        placed = sorted((p for p in placed if start <= p[0] < stop), key=lambda p: p[0])
        in_progress = reviews_in_progress({v.person_id for _, v in placed if isinstance(v, Obligation)})
        return [
            item_from_obligation(value, self.today, in_progress, self.user)
            if isinstance(value, Obligation)
            else value
            for _, value in placed
        ]


def _ranks(obligations: QuerySet, others: list[WorkItem], total: int) -> list[int]:
    """For each other item (in due order), how many obligations come before it: those due on or before its
    date; every obligation when it has no date."""
    dates = sorted({item.due for item in others if item.due is not None})
    if not dates:
        return [total] * len(others)
    before = obligations.order_by().aggregate(
        **{f"d{n}": Count("id", filter=Q(due__lte=day)) for n, day in enumerate(dates)}
    )
    by_date = {day: before[f"d{n}"] or 0 for n, day in enumerate(dates)}
    return [by_date[item.due] if item.due is not None else total for item in others]


@dataclass
class WorkQueue:
    items: WorkList
    counts: dict[str, int]
    kinds: list[dict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def work_queue(user: User, people: QuerySet, filters: WorkFilters, today: dt.date, *, by_kind: bool = False):
    """What "My work" and the ICB overview show: the ordered items, the section counts, and (for the ICB
    overview) the counts by kind. Two queries for the obligations whatever the size of the register: the
    counts, and the page's rows."""
    people = people_in_view(user, people, filters, today)
    kind = filters.kind if filters.kind in set(Kind) else ""
    broad = filters.show == "all" and not (
        filters.team or filters.rating or filters.pathway or filters.setting
    )
    obligations = open_obligations(people, kind, broad=broad)
    if filters.kind == "review_action" or (filters.kind and not kind):
        obligations = obligations.none()
    others = other_items(user, people, today, filters.kind)
    if broad:
        rows = _cached_counts(user, filters, obligations, today, by_kind=by_kind)
    else:
        rows = _counts(obligations, today, by_kind=by_kind)
    keys = ("overdue", "week", "month", "later_dated", "undated")
    totals = {key: sum(row[key] or 0 for row in rows) for key in keys}
    counts = {
        "overdue": totals["overdue"],
        "week": totals["week"],
        "month": totals["month"],
        "later": totals["later_dated"] + totals["undated"],
    }
    for item in others:
        counts[section_of(item.due, today)] += 1
    dated = totals["overdue"] + totals["week"] + totals["month"] + totals["later_dated"]
    items = WorkList(
        obligations,
        others,
        today,
        dated=dated,
        undated=totals["undated"],
        ranks=_ranks(obligations, others, dated + totals["undated"]) if others else [],
        user=user,
    )
    return WorkQueue(items=items, counts=counts, kinds=_kind_table(rows, others, today) if by_kind else [])


def _kind_table(rows: list[dict], others: list[WorkItem], today: dt.date) -> list[dict]:
    """For the ICB overview: each kind with how many are overdue, due in 7 days and due later."""
    table = {
        row["kind"]: {
            "kind": row["kind"],
            "label": kind_label(row["kind"]),
            "overdue": row["overdue"],
            "week": row["week"],
            "later": row["month"] + row["later_dated"] + row["undated"],
        }
        for row in rows
    }
    for item in others:
        row = table.setdefault(
            item.kind,
            {
                "kind": item.kind,
                "label": OTHER_KINDS.get(item.kind, item.label),
                "overdue": 0,
                "week": 0,
                "later": 0,
            },
        )
        section = section_of(item.due, today)
        row[section if section in ("overdue", "week") else "later"] += 1
    for row in table.values():
        row["total"] = row["overdue"] + row["week"] + row["later"]
    return sorted(table.values(), key=lambda row: (-row["overdue"], -row["total"], row["label"]))


def grouped(items: list[WorkItem], today: dt.date) -> list[tuple[str, str, list[WorkItem]]]:
    """One page's items under their section headings, in the sections' order."""
    groups: dict[str, list[WorkItem]] = {}
    for item in items:
        groups.setdefault(section_of(item.due, today), []).append(item)
    return [(key, name, groups[key]) for key, name in SECTIONS if key in groups]


# ------------------------------------------------------------------------------------------- one person
