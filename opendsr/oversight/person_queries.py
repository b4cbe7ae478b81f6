"""Reads for the panels on a person's page: what is due for them and their timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from opendsr.accounts.models import User
from opendsr.oversight.links import action_for, reviews_in_progress
from opendsr.register.models import (
    Person,
    TimelineEvent,
)
from opendsr.web.labels import kind_label


@dataclass(frozen=True)
class PersonObligation:
    kind: str
    label: str
    raised_on: dt.date
    due: dt.date | None
    met_on: dt.date | None
    status: str
    basis: str
    reasons: list
    action_url: str | None
    action_text: str
    ended_on: dt.date | None = None


def obligations_of(person: Person, today: dt.date, user: User | None = None) -> list[PersonObligation]:
    """A person's obligations for their page: open ones first by due date, then met ones, latest first, then
    those that ended unmet when they left the register."""
    from opendsr.register.obligations import status_of

    result = []
    in_progress = reviews_in_progress([person.pk])
    for row in person.obligations.all():
        status = status_of(row.due, row.met_on, today, row.ended_on)
        url, text = (
            action_for(
                row.kind,
                person.pk,
                row.raised_by,
                row.met_by,
                review_in_progress=in_progress.get((person.pk, row.kind)),
                user=user,
            )
            if row.is_open
            else (None, "")
        )
        result.append(
            PersonObligation(
                kind=row.kind,
                label=kind_label(row.kind),
                raised_on=row.raised_on,
                due=row.due,
                met_on=row.met_on,
                status=str(status),
                basis=row.basis,
                reasons=list(row.reasons or ()),
                action_url=url,
                action_text=text,
                ended_on=row.ended_on,
            )
        )
    open_ = sorted(
        (o for o in result if o.met_on is None and o.ended_on is None),
        key=lambda o: (o.due is None, o.due or dt.date.min),
    )
    met = sorted((o for o in result if o.met_on is not None), key=lambda o: o.met_on, reverse=True)
    ended = sorted((o for o in result if o.ended_on is not None), key=lambda o: o.ended_on, reverse=True)
    return open_ + met + ended


def timeline_of(person: Person) -> list[TimelineEvent]:
    return list(person.timeline.select_related("recorded_by").order_by("-date", "-id"))


# ------------------------------------------------------------------------------------------- the cohort
