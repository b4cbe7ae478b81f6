"""Long-term segregation and seclusion (s14.4)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from opendsr.accounts import audit
from opendsr.inpatients.models import (
    Admission,
    RestrictionKind,
    RestrictiveEpisode,
)
from opendsr.inpatients.services.common import Problems, long_date
from opendsr.policy import EventType
from opendsr.register.timeline import record_event, void_events

# ------------------------------------------------------------------------- segregation and seclusion


def _checked_episode(
    admission, person, *, kind, started_on, ended_on, reported_by, notes, episode=None
) -> dict:
    problems = Problems()
    problems.choice("kind", kind or "", RestrictionKind, "Select long-term segregation or seclusion")
    if started_on is None:
        problems["started_on"] = "Enter the date it started"
    problems.date(
        "started_on",
        started_on,
        subject="The date it started",
        person=person,
        after=admission.admitted_on,
        after_what="of admission",
    )
    if ended_on is not None and "started_on" not in problems:
        problems.date(
            "ended_on",
            ended_on,
            subject="The date it ended",
            person=person,
            after=started_on,
            after_what="it started",
        )
    if admission.discharged_on is not None:
        for field, value in (("started_on", started_on), ("ended_on", ended_on)):
            if value is not None and field not in problems and value > admission.discharged_on:
                problems[field] = (
                    f"The date must be on or before the discharge on {long_date(admission.discharged_on)}"
                )
    reported_by = problems.text("reported_by", reported_by, label="who reported it")
    notes = problems.text("notes", notes, label="the notes", required=False, limit=4000, line=False)
    if kind == RestrictionKind.LONG_TERM_SEGREGATION and not problems:
        others = admission.episodes.filter(kind=RestrictionKind.LONG_TERM_SEGREGATION)
        if episode is not None:
            others = others.exclude(pk=episode.pk)
        for other in others:
            other_end = other.ended_on or dt.date.max
            this_end = ended_on or dt.date.max
            if started_on <= other_end and other.started_on <= this_end:
                problems["started_on"] = (
                    f"Long-term segregation is already recorded from {long_date(other.started_on)}"
                    + (f" to {long_date(other.ended_on)}" if other.ended_on else ", not yet ended")
                    + ". Change that episode instead"
                )
                break
    problems.raise_any()
    return {
        "kind": kind,
        "started_on": started_on,
        "ended_on": ended_on,
        "reported_by": reported_by,
        "notes": notes,
    }


def _write_segregation(episode: RestrictiveEpisode, by) -> None:
    """The clock's `segregation_started` and `segregation_ended` for long-term segregation (seclusion is not)."""
    if not episode.is_segregation:
        return
    events = [(EventType.SEGREGATION_STARTED, episode.started_on)]
    if episode.ended_on is not None:
        events.append((EventType.SEGREGATION_ENDED, episode.ended_on))
    for n, (type_, date) in enumerate(events, start=1):
        # The clock recomputes once, after the last of them.
        record_event(
            person=episode.person,
            type=type_,
            date=date,
            by=by,
            source=f"segregation:{episode.pk}",
            refresh=n == len(events),
        )


@transaction.atomic
def record_episode(
    *,
    admission: Admission,
    by,
    kind: str,
    started_on: dt.date,
    reported_by: str,
    ended_on: dt.date | None = None,
    notes: str = "",
    request=None,
) -> RestrictiveEpisode:
    """A period of long-term segregation or seclusion (s14.4). Long-term segregation lasting 48 hours entitles the
    person to an independent C(E)TR, which the clock raises from the `segregation_started` written here."""
    admission = Admission.objects.select_for_update().get(pk=admission.pk)
    person = admission.person
    clean = _checked_episode(
        admission,
        person,
        kind=kind,
        started_on=started_on,
        ended_on=ended_on,
        reported_by=reported_by,
        notes=notes,
    )
    episode = RestrictiveEpisode.objects.create(person=person, admission=admission, recorded_by=by, **clean)
    _write_segregation(episode, by)
    audit.record(
        request or by,
        "inpatient.episode_recorded",
        person=person,
        summary=f"{episode.get_kind_display()} from {long_date(episode.started_on)}",
        detail={"admission": admission.pk, "episode": episode.pk},
    )
    return episode


@transaction.atomic
def update_episode(
    *,
    episode: RestrictiveEpisode,
    by,
    started_on: dt.date,
    reported_by: str,
    ended_on: dt.date | None = None,
    notes: str = "",
    request=None,
) -> RestrictiveEpisode:
    """End an episode, or correct it. Its clock events are voided and written again from the record."""
    episode = RestrictiveEpisode.objects.select_for_update().get(pk=episode.pk)
    clean = _checked_episode(
        episode.admission,
        episode.person,
        kind=episode.kind,
        started_on=started_on,
        ended_on=ended_on,
        reported_by=reported_by,
        notes=notes,
        episode=episode,
    )
    for name, value in clean.items():
        setattr(episode, name, value)
    episode.save()
    if episode.is_segregation:
        void_events(
            person=episode.person,
            source=f"segregation:{episode.pk}",
            reason="The episode was changed",
            refresh=False,
        )
        _write_segregation(episode, by)
    audit.record(
        request or by,
        "inpatient.episode_changed",
        person=episode.person,
        summary=f"{episode.get_kind_display()} from {long_date(episode.started_on)}"
        + (f" to {long_date(episode.ended_on)}" if episode.ended_on else ", not yet ended"),
        detail={"episode": episode.pk},
    )
    return episode
