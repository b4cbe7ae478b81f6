"""Who and what a work queue covers: the filters, the people in view and their open obligations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, QuerySet

from opendsr.accounts.models import Role, Team, User
from opendsr.register.models import Obligation, RegisterStatus
from opendsr.register.queries import pathway_filter
from opendsr.web.params import whole_number


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


def open_obligations(
    people: QuerySet, kind: str = "", *, broad: bool = False, listing: bool = False
) -> QuerySet:
    """The open obligations of these people.

    `is_open__in=[True]` rather than `is_open=True`: the indexes of open obligations hold only the rows that meet
    that same test, and SQLite uses them only for it (Django writes `is_open=True` as a bare column). For a broad
    scope (a whole ICB) the person test is written so that the database walks the open obligations and tests each
    one's person, instead of walking every person and gathering their obligations first: for counting them,
    against the list of people, made once (the open obligations' `(kind, due, person, is_open)` index then holds
    all a count reads); for `listing` a page of them, by looking the obligation's person up, so that the database
    walks the open obligations' due-date index in order and stops at the end of the page without first listing
    every person in the ICB.
    """
    rows = Obligation.objects.filter(is_open__in=[True])
    if broad and listing:
        rows = rows.filter(Exists(people.filter(pk=OuterRef("person_id"))))
    elif broad:
        rows = rows.alias(scoped_person=F("person_id") + 0).filter(scoped_person__in=people.values("pk"))
    else:
        rows = rows.filter(person__in=people.values("pk"))
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def by_due_date(rows: QuerySet) -> QuerySet:
    return rows.order_by(F("due").asc(nulls_last=True), "id")
