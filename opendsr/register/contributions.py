"""What the rooms above the register add to it: panels on a person's page, and items in the work queue.

The register sits below the feature apps (docs/developing.md), so it never imports them. Instead each app
registers what it contributes in its `AppConfig.ready`:

    contributions.add_person_panel(order=20, provider=panels.person_panels)
    contributions.add_work_source(work.review_action_items)

A rating reviewed and left as it was (at a DSR meeting) is not a change of rating: no decision is written, and the
clock is not told. The room that holds the review lists it beside the person's rating decisions:

    contributions.add_rating_reviews(reviews.confirmed_ratings)

Work that runs every night after the recompute is registered the same way, with what it is called:

    contributions.add_nightly_task("the escalation run", tasks.nightly_escalations)

A person panel provider is `(request, person) -> list[str]` of rendered HTML; the person page shows panels in
`order`. A work source is `(user, people, today) -> list[WorkItem]`, where `people` is the queryset of people
the page covers, already scoped by the access rules. A source reads its own rows for those people with
`among(people)`:

    ReviewAction.objects.filter(among(people), status=ActionStatus.OPEN)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet
from markupsafe import Markup

# How far ahead every work source looks: My work's last dated section, "due in the next 28 days". Rooms that add
# items read it here so that My work, its sources and the DSR meeting's agenda agree.
DUE_SOON_DAYS = 28


@dataclass(frozen=True)
class WorkItem:
    kind: str  # machine name, e.g. "post_admission_cetr" or "review_action"
    label: str  # what a user reads, e.g. "Post-admission C(E)TR"
    person_id: int
    person_name: str
    due: dt.date | None
    status: str  # "due" or "overdue"
    basis: str  # the policy citation or the review it came from
    person_url: str
    action_url: str | None = None  # the form that meets it
    action_text: str | None = None
    extra: dict = field(default_factory=dict)

    def days_until_due(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days


def short(text: str) -> str:
    """A long text cut to about 60 characters, for one line of a work item."""
    return text if len(text) <= 60 else text[:57].rstrip() + "…"


def action_item(
    action,
    *,
    kind: str,
    label: str,
    basis: str,
    today: dt.date,
    person_url: str,
    action_url: str | None,
    action_text: str,
    extra: dict | None = None,
) -> WorkItem:
    """An open action agreed for a person (its `text`, `person` and `due`) in its owner's work: `label`, then
    what is to be done, due or overdue by its date."""
    return WorkItem(
        kind=kind,
        label=f"{label}: {short(action.text)}",
        person_id=action.person_id,
        person_name=action.person.full_name,
        due=action.due,
        status="overdue" if action.due < today else "due",
        basis=basis,
        person_url=person_url,
        action_url=action_url,
        action_text=action_text,
        extra=extra or {},
    )


@dataclass(frozen=True)
class RatingReview:
    """A rating reviewed and confirmed without change, for the person's rating history."""

    on: dt.date
    rating: str
    where: str  # e.g. "at the DSR meeting on 1 March 2027 (Adults DSR meeting)"
    rationale: str = ""
    by: str = ""


PanelProvider = Callable[..., list[str]]
WorkSource = Callable[..., list[WorkItem]]

_panels: list[tuple[int, PanelProvider]] = []
_work_sources: list[WorkSource] = []
_nightly_tasks: list[tuple[str, object]] = []
_rating_reviews: list[Callable[..., list[RatingReview]]] = []


def add_person_panel(*, order: int, provider: PanelProvider) -> None:
    if all(existing is not provider for _, existing in _panels):
        _panels.append((order, provider))
        _panels.sort(key=lambda pair: pair[0])


def add_work_source(source: WorkSource) -> None:
    if source not in _work_sources:
        _work_sources.append(source)


def person_panels(request, person) -> list[Markup]:
    return [Markup(part) for _, provider in _panels for part in provider(request, person)]


def among(people: QuerySet) -> Exists:
    """The condition "whose person is one of `people`" for a work source's own rows (those with a `person`).

    Each of the source's rows is checked (is its person one of them?), where `person__in=people` would have the
    database walk every person in view and look each one up in the source's table: for a whole ICB's overview
    that is 100,000 look-ups for every source on every page, even when the source's table is empty."""
    return Exists(people.filter(pk=OuterRef("person_id")))


def any_rows(rows: QuerySet) -> QuerySet | tuple:
    """A work source's rows, after asking whether there are any. Most queues hold none of most kinds, and that
    question costs a third of reading the rows with everything they show (the joins, every column); so each
    source reads its rows only when there are some."""
    return rows if rows.exists() else ()


def work_items(user, people, today: dt.date) -> list[WorkItem]:
    return [item for source in _work_sources for item in source(user, people, today)]


def add_nightly_task(name: str, task) -> None:
    """A background task (django-tasks) that `opendsr enqueue_nightly` queues after the recompute."""
    if all(existing is not task for _, existing in _nightly_tasks):
        _nightly_tasks.append((name, task))


def nightly_tasks() -> list[tuple[str, object]]:
    return list(_nightly_tasks)


def add_rating_reviews(provider) -> None:
    """`(person) -> list[RatingReview]`: ratings reviewed and confirmed, shown in the person's rating history."""
    if provider not in _rating_reviews:
        _rating_reviews.append(provider)


def rating_reviews(person) -> list[RatingReview]:
    reviews = [review for provider in _rating_reviews for review in provider(person)]
    return sorted(reviews, key=lambda review: review.on, reverse=True)
