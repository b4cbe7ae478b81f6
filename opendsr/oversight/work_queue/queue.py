"""The work queue itself: the merged, ordered list a page reads its own rows from, and its counts."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from opendsr.accounts.models import User
from opendsr.oversight.links import reviews_in_progress
from opendsr.oversight.work_queue.counts import _cached_counts, _kind_table, counts_of
from opendsr.oversight.work_queue.filters import WorkFilters, by_due_date, open_obligations, people_in_view
from opendsr.oversight.work_queue.items import item_from_obligation, other_items
from opendsr.oversight.work_queue.sections import section_of
from opendsr.policy import Kind
from opendsr.register.contributions import WorkItem
from opendsr.register.models import Obligation

# What a work-queue item shows of an obligation and its person (`item_from_obligation`): the person's other
# columns are not read.
_ITEM_FIELDS = (
    "kind",
    "raised_on",
    "due",
    "raised_by",
    "met_by",
    "reasons",
    "basis_ref__text",
    "person__given_name",
    "person__family_name",
    "person__nhs_number",
    "person__current_rating",
    "person__team__name",
)


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
    ids: list[int] | None = None  # every obligation's id in order, when already read (a narrow scope)

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
        """The obligations at these positions of the obligations' own order. Their ids come first (already read
        for a narrow scope, else found from the obligations alone); only the page's rows are then read with their
        person and team. (Read in one query, the database joins every person in view, whole, to every open
        obligation before sorting them for the page: for a caseload of 2,000 people, most of the page's time on
        PostgreSQL.)"""
        ids = self.ids[low:high] if self.ids is not None else self._ids_from_database(low, high)
        if not ids:
            return []
        found = Obligation.objects.select_related("person", "person__team").only(*_ITEM_FIELDS).in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def _ids_from_database(self, low: int, high: int) -> list[int]:
        ids: list[int] = []
        if low < self.dated:
            dated = self.obligations.filter(due__isnull=False).order_by("due", "id")
            ids += dated.values_list("id", flat=True)[low : min(high, self.dated)]
        if high > self.dated:
            undated = self.obligations.filter(due__isnull=True).order_by("id")
            ids += undated.values_list("id", flat=True)[max(low, self.dated) - self.dated : high - self.dated]
        return ids

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


def _ranks(obligations: QuerySet, others: list[WorkItem], total: int, dues: list | None = None) -> list[int]:
    """For each other item (in due order), how many obligations come before it: those due on or before its
    date; every obligation when it has no date. `dues`, when the obligations' due dates are already read (in
    order, dated first), answers without asking the database."""
    dates = sorted({item.due for item in others if item.due is not None})
    if not dates:
        return [total] * len(others)
    if dues is not None:
        dated = dues[: len(dues) - dues.count(None)]
        by_date = {day: bisect.bisect_right(dated, day) for day in dates}
    else:
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
    overview) the counts by kind. For the whole ICB, the database counts the obligations and finds the page's
    ids; a narrower scope (a caseload, a team, a filter) is read once, as ids and due dates in order, for both.
    Then the page's own rows are read."""
    people = people_in_view(user, people, filters, today)
    kind = filters.kind if filters.kind in set(Kind) else ""
    broad = filters.show == "all" and not (
        filters.team or filters.rating or filters.pathway or filters.setting
    )
    obligations = open_obligations(people, kind, broad=broad)
    listed = open_obligations(people, kind, broad=broad, listing=True)
    if filters.kind == "review_action" or (filters.kind and not kind):
        obligations, listed = obligations.none(), listed.none()
    others = other_items(user, people, today, filters.kind)
    ids = dues = None
    if broad:
        rows = _cached_counts(user, filters, obligations, today, by_kind=by_kind)
    else:
        # A narrower scope (a caseload, a team, a filter) is read once, in order, for its counts and its pages
        # alike: one walk of its people's open obligations instead of one for the counts and one per page.
        read = list(by_due_date(obligations).values_list("id", "due", "kind"))
        ids, dues = [pk for pk, _, _ in read], [due for _, due, _ in read]
        rows = counts_of(((kind, due) for _, due, kind in read), today, by_kind=by_kind)
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
        listed,
        others,
        today,
        dated=dated,
        undated=totals["undated"],
        ranks=_ranks(obligations, others, dated + totals["undated"], dues) if others else [],
        user=user,
        ids=ids,
    )
    return WorkQueue(items=items, counts=counts, kinds=_kind_table(rows, others, today) if by_kind else [])
