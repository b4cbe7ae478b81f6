"""Reads for the list of reviews: its filters and its order."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from opendsr.reviews.access import reviews_for
from opendsr.reviews.models import ReviewKind, ReviewStatus

PAGE_SIZE = 25


@dataclass
class ListFilters:
    status: str = ""
    kind: str = ""
    q: str = ""


def review_list(user, filters: ListFilters) -> QuerySet:
    reviews = reviews_for(user).select_related("person")
    if filters.status in ReviewStatus.values:
        reviews = reviews.filter(status=filters.status)
    if filters.kind in ReviewKind.values:
        reviews = reviews.filter(kind=filters.kind)
    for word in (filters.q or "").split():
        reviews = reviews.filter(
            Q(person__given_name__icontains=word) | Q(person__family_name__icontains=word)
        )
    order = {
        ReviewStatus.PLANNING: 0,
        ReviewStatus.HELD: 1,
        ReviewStatus.COMPLETED: 2,
        ReviewStatus.CANCELLED: 3,
    }
    from django.db.models import Case, IntegerField, Value, When

    return reviews.annotate(
        rank=Case(*(When(status=s, then=Value(n)) for s, n in order.items()), output_field=IntegerField())
    ).order_by("rank", "scheduled_for", "-held_on", "-pk")
