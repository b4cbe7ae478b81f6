"""Reads that feed the inpatient pages, the person page's panel, and the C(E)TR pages (the discharge plan)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q

from opendsr.inpatients import rules
from opendsr.inpatients.models import (
    Admission,
    DischargePlanItem,
    PlanStatus,
    RestrictionKind,
    RestrictiveEpisode,
    ReviewBeforeAdmission,
)
from opendsr.policy import EventType, Kind, add_months
from opendsr.policy.rules.admission import LTS_REPORT
from opendsr.register.models import DecidedRating, Person, RatingDecision, TimelineEvent
from opendsr.register.obligations import status_of

RAG = (DecidedRating.RED, DecidedRating.AMBER, DecidedRating.GREEN)


def current_admission(person: Person) -> Admission | None:
    return person.admissions.filter(discharged_on__isnull=True).order_by("-admitted_on", "-id").first()


def latest_admission(person: Person) -> Admission | None:
    return person.admissions.order_by("-admitted_on", "-id").first()


def unrecorded_admission(person: Person) -> TimelineEvent | None:
    """An admission recorded on the timeline only as an event (before the inpatient record existed, or on the
    timeline page), with no discharge after it: the person is in hospital, and the details are still to add."""
    latest = (
        person.timeline.filter(type__in=[EventType.ADMITTED, EventType.DISCHARGED], voided_at__isnull=True)
        .order_by("-date", "-id")
        .first()
    )
    if latest is None or latest.type != EventType.ADMITTED or latest.source.startswith("admission:"):
        return None
    return latest


def episode_of(person: Person, pk) -> RestrictiveEpisode | None:
    return RestrictiveEpisode.objects.filter(person=person, pk=pk).select_related("admission").first()


def plan_item_of(person: Person, pk) -> DischargePlanItem | None:
    return DischargePlanItem.objects.filter(person=person, pk=pk).select_related("admission").first()


def rating_before(person: Person, on: dt.date) -> RatingDecision | None:
    """The person's rating on the register before they were admitted on `on` (red, amber or green)."""
    return (
        person.rating_decisions.filter(decided_on__lte=on, rating__in=RAG)
        .order_by("-decided_on", "-id")
        .first()
    )


def review_before_admission(person: Person, on: dt.date) -> str | None:
    """What the timeline shows came before an admission on `on`: a community C(E)TR in the 6 months before it
    (as the clock reads it, Table 2), else a LAEP meeting in that time, else None (the timeline does not say)."""
    since = add_months(on, -6)
    events = person.timeline.filter(voided_at__isnull=True, date__gte=since, date__lt=on)
    if events.filter(type=EventType.CETR_HELD, data__kind="community").exists():
        return ReviewBeforeAdmission.CETR
    if events.filter(type=EventType.LAEP_HELD).exists():
        return ReviewBeforeAdmission.LAEP
    return None


@dataclass(frozen=True)
class Entitlement:
    """The independent C(E)TR a person in long-term segregation is owed (s14.4), as the clock stored it."""

    due: dt.date | None
    met_on: dt.date | None
    status: str
    basis: str
    raised_on: dt.date


def independent_cetr(person: Person, today: dt.date) -> Entitlement | None:
    """The latest `independent_cetr` obligation the clock derived for this person, or None."""
    row = (
        person.obligations.filter(kind=Kind.INDEPENDENT_CETR)
        .order_by("-raised_on", "-id")
        .values("due", "met_on", "raised_on", "ended_on", basis=F("basis_ref__text"))
        .first()
    )
    if row is None:
        return None
    return Entitlement(
        due=row["due"],
        met_on=row["met_on"],
        status=str(status_of(row["due"], row["met_on"], today, row["ended_on"])),
        basis=row["basis"],
        raised_on=row["raised_on"],
    )


@dataclass(frozen=True)
class EpisodeRow:
    episode: RestrictiveEpisode
    lasted_48_hours: bool
    forty_eight_hour_date: dt.date
    days: int


def episode_rows(admission: Admission, today: dt.date) -> list[EpisodeRow]:
    return [
        EpisodeRow(
            episode=episode,
            lasted_48_hours=episode.is_segregation
            and rules.has_lasted_48_hours(episode.started_on, episode.ended_on, today),
            forty_eight_hour_date=rules.forty_eight_hour_date(episode.started_on),
            days=((episode.ended_on or today) - episode.started_on).days,
        )
        for episode in admission.episodes.all()
    ]


def inpatient_record(person: Person, today: dt.date) -> dict:
    """Everything the inpatient page shows: the current (or latest) admission with its moves, episodes, plan,
    CQC ratings and Ministry of Justice contacts; earlier admissions; an admission still to be recorded in full."""
    admission = current_admission(person) or latest_admission(person)
    bare = unrecorded_admission(person)
    earlier = list(person.admissions.exclude(pk=admission.pk)) if admission else []
    context = {
        "admission": admission,
        "bare_admission": bare,
        "earlier": earlier,
        "independent_cetr": independent_cetr(person, today),
        "restricted": person.moj_restricted or bool(admission and admission.is_restricted),
    }
    if admission is not None:
        context.update(
            transfers=list(admission.transfers.all()),
            episodes=episode_rows(admission, today),
            plan=discharge_plan(admission),
            ward_ratings=list(admission.ward_ratings.all()),
            moj_contacts=list(admission.moj_contacts.all()),
        )
    return context


@dataclass(frozen=True)
class DischargePlan:
    """The 12-point discharge plan (Appendix 7) of one admission, point by point."""

    admission: Admission
    items: list[DischargePlanItem]

    @property
    def done(self) -> int:
        return sum(item.status in (PlanStatus.DONE, PlanStatus.NOT_NEEDED) for item in self.items)

    @property
    def in_progress(self) -> int:
        return sum(item.status == PlanStatus.IN_PROGRESS for item in self.items)

    @property
    def summary(self) -> str:
        return f"{self.done} of {len(self.items)} points done or not needed, {self.in_progress} in progress"


def discharge_plan(admission: Admission) -> DischargePlan:
    return DischargePlan(admission=admission, items=list(admission.plan_items.select_related("updated_by")))


def discharge_plan_for(person: Person) -> DischargePlan | None:
    """The discharge plan of the person's current admission (or, once discharged, of their latest), for the
    C(E)TR meeting page and report; None when they have no admission recorded in full."""
    admission = current_admission(person) or latest_admission(person)
    return discharge_plan(admission) if admission is not None else None


# ------------------------------------------------------------------------ the list for the regional lead


def lts_period(as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The period the regional lead's report covers (LTS_REPORT, s14.4), ending on `as_of`."""
    return LTS_REPORT.before(as_of) + dt.timedelta(days=1), as_of


def _segregated_between(start: dt.date, end: dt.date):
    return RestrictiveEpisode.objects.filter(
        kind=RestrictionKind.LONG_TERM_SEGREGATION, started_on__lte=end
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))


def people_in_segregation(people, start: dt.date, end: dt.date):
    """Those of `people` in long-term segregation at any time from `start` to `end` (the access module asks, for
    the regional lead's list: registered in `apps.py`)."""
    return people.filter(pk__in=_segregated_between(start, end).values("person_id"))


BY_NAME = ("person__family_name", "person__given_name", "started_on", "id")


def lts_episodes(people, as_of: dt.date, *, by_icb: bool = False) -> list[RestrictiveEpisode]:
    """Episodes of long-term segregation of these people at any time in the report's period ending on `as_of`, by
    name (or by ICB, then name)."""
    start, end = lts_period(as_of)
    order = ("person__icb__name", *BY_NAME) if by_icb else BY_NAME
    return list(
        _segregated_between(start, end)
        .filter(person__in=people)
        .select_related("person", "person__icb", "admission")
        .order_by(*order)
    )


def lts_rows(people, as_of: dt.date, *, by_icb: bool = False) -> list[dict]:
    """The regional lead's list: one row per episode, with whether it had lasted long enough for an independent
    C(E)TR (s14.4) by `as_of`, and the independent C(E)TR the clock holds for that person."""
    episodes = lts_episodes(people, as_of, by_icb=by_icb)
    entitlements = {}
    for episode in episodes:
        if episode.person_id not in entitlements:
            entitlements[episode.person_id] = independent_cetr(episode.person, as_of)
    rows = []
    for episode in episodes:
        entitlement = entitlements[episode.person_id]
        rows.append(
            {
                "episode": episode,
                "person": episode.person,
                "admission": episode.admission,
                "lasted_48_hours": rules.has_lasted_48_hours(episode.started_on, episode.ended_on, as_of),
                "days": ((episode.ended_on or as_of) - episode.started_on).days,
                "entitlement": entitlement,
            }
        )
    return rows


def panel_summary(person: Person) -> dict:
    """What the person page's inpatient panel shows."""
    admission = current_admission(person)
    return {
        "admission": admission,
        "latest": admission or latest_admission(person),
        "bare_admission": unrecorded_admission(person),
        "in_segregation": bool(
            admission
            and admission.episodes.filter(
                kind=RestrictionKind.LONG_TERM_SEGREGATION, ended_on__isnull=True
            ).exists()
        ),
        "plan": discharge_plan(admission) if admission else None,
    }
