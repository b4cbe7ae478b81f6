"""Reads that feed the referral pages. Timescales come from the stored obligations the policy clock derived
from each referral's events; nothing here decides what is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from django.db.models import Exists, OuterRef, Q, QuerySet

from opendsr.accounts import access
from opendsr.policy import Kind, Status
from opendsr.policy.instruments import load_default_instruments
from opendsr.referrals.models import Channel, LetterStatus, Referral, Source
from opendsr.register import nhs_numbers
from opendsr.register.models import Obligation, OutcomeCommunication, RatingDecision
from opendsr.register.obligations import status_of
from opendsr.web.params import whole_number

REFERRAL_KINDS = (Kind.ACKNOWLEDGE_REFERRAL, Kind.STRATIFY_REFERRAL, Kind.COMMUNICATE_OUTCOME)
STEP_LABELS = {
    Kind.ACKNOWLEDGE_REFERRAL: "Acknowledge",
    Kind.STRATIFY_REFERRAL: "Decide the rating",
    Kind.COMMUNICATE_OUTCOME: "Send the outcome",
}

MONITORING = "s4 proactive monitoring"
RISK_FACTORS = "Appendix 1 risk factors"


@cache
def criteria() -> dict[str, list[tuple[str, str]]]:
    """The s4 monitoring triggers and the Appendix 1 risk factors, from the default instruments' items."""
    seen: dict[str, dict[str, str]] = {MONITORING: {}, RISK_FACTORS: {}}
    for instrument in load_default_instruments():
        for item in instrument["items"]:
            group = seen.get(item.get("section"))
            if group is not None:
                group.setdefault(item["id"], item["text"])
    return {"triggers": list(seen[MONITORING].items()), "risk_factors": list(seen[RISK_FACTORS].items())}


def labels_for(ids, group: str) -> list[str]:
    names = dict(criteria()[group])
    return [names.get(i, i) for i in ids or []]


class Stage:
    ACKNOWLEDGE = "acknowledge"
    RATE = "rate"
    OUTCOME = "outcome"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    LABELS = {
        ACKNOWLEDGE: "Awaiting acknowledgement",
        RATE: "Awaiting a rating decision",
        OUTCOME: "Awaiting the outcome letter",
        CLOSED: "Closed",
        WITHDRAWN: "Withdrawn",
    }
    OPEN = (ACKNOWLEDGE, RATE, OUTCOME)


def stage_of(referral: Referral, rated: bool) -> str:
    if referral.withdrawn_at is not None:
        return Stage.WITHDRAWN
    if referral.outcome_communicated_on is not None:
        return Stage.CLOSED
    if referral.acknowledged_on is None:
        return Stage.ACKNOWLEDGE
    if not rated:
        return Stage.RATE
    return Stage.OUTCOME


@dataclass
class Timescale:
    kind: str
    label: str
    due: dt.date | None
    met_on: dt.date | None
    status: str
    basis: str

    @property
    def overdue(self) -> bool:
        return self.status == Status.OVERDUE

    def days(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days


@dataclass
class Row:
    referral: Referral
    stage: str
    timescales: list[Timescale] = field(default_factory=list)

    @property
    def stage_label(self) -> str:
        return Stage.LABELS[self.stage]

    @property
    def next(self) -> Timescale | None:
        open_ = [t for t in self.timescales if t.met_on is None]
        open_.sort(key=lambda t: t.due or dt.date.max)
        return open_[0] if open_ else None

    def sort_key(self):
        nxt = self.next
        overdue = nxt is not None and nxt.overdue
        return (0 if overdue else 1, (nxt.due if nxt and nxt.due else dt.date.max), -self.referral.pk)


def referrals_for(user) -> QuerySet:
    """Every referral of a person this user may see."""
    return Referral.objects.filter(person__in=access.people_for(user).values("pk"))


def referral_for(user, pk) -> Referral:
    from django.http import Http404

    referral = (
        referrals_for(user).select_related("person", "person__icb").filter(pk=pk).first()
        if (pk := whole_number(pk)) is not None
        else None
    )
    if referral is None:
        raise Http404("No such referral")
    return referral


def _rated():
    return Exists(RatingDecision.objects.filter(person_id=OuterRef("person_id"), referral_id=OuterRef("pk")))


def timescales_for(referrals: list[Referral], today: dt.date) -> dict[int, list[Timescale]]:
    """Each referral's stored obligations: those its own events raised, and the outcome owed after the rating
    decisions made for it."""
    if not referrals:
        return {}
    refs = {f"referral:{r.pk}": r.pk for r in referrals}
    decisions = RatingDecision.objects.filter(referral_id__in=list(refs.values())).values_list(
        "pk", "referral_id"
    )
    refs.update({f"rating:{pk}": referral_id for pk, referral_id in decisions})
    rows = Obligation.objects.filter(
        person_id__in={r.person_id for r in referrals},
        kind__in=list(REFERRAL_KINDS),
        raised_by__in=list(refs),
    ).order_by("due", "pk")
    found: dict[int, list[Timescale]] = {r.pk: [] for r in referrals}
    for row in rows:
        found[refs[row.raised_by]].append(
            Timescale(
                kind=row.kind,
                label=STEP_LABELS.get(row.kind, row.kind),
                due=row.due,
                met_on=row.met_on,
                status=status_of(row.due, row.met_on, today),
                basis=row.basis,
            )
        )
    order = {kind: i for i, kind in enumerate(REFERRAL_KINDS)}
    for items in found.values():
        items.sort(key=lambda t: (order.get(t.kind, 9), t.due or dt.date.max))
    return found


@dataclass
class InboxFilters:
    stage: str = "open"
    source: str = ""
    channel: str = ""
    q: str = ""


STAGE_CHOICES = [
    ("open", "Open referrals"),
    *((s, Stage.LABELS[s]) for s in Stage.OPEN),
    ("closed", "Closed"),
]


def inbox(user, filters: InboxFilters, today: dt.date) -> list[Row]:
    referrals = referrals_for(user).filter(withdrawn_at__isnull=True).select_related("person")
    referrals = referrals.annotate(rated=_rated())
    if filters.source in Source.values:
        referrals = referrals.filter(source=filters.source)
    if filters.channel in Channel.values:
        referrals = referrals.filter(channel=filters.channel)
    if filters.stage == "closed":
        referrals = referrals.filter(outcome_communicated_on__isnull=False)
    elif filters.stage:
        referrals = referrals.filter(outcome_communicated_on__isnull=True)
    text = (filters.q or "").strip()
    if text:
        digits = nhs_numbers.normalise(text)
        match = Q()
        for word in text.split():
            match &= Q(person__given_name__icontains=word) | Q(person__family_name__icontains=word)
        if digits:
            match = match | Q(person__nhs_number=digits)
        referrals = referrals.filter(match)
    referrals = list(referrals)
    scales = timescales_for(referrals, today)
    rows = [Row(r, stage_of(r, r.rated), scales.get(r.pk, [])) for r in referrals]
    if filters.stage in Stage.OPEN:
        rows = [row for row in rows if row.stage == filters.stage]
    rows.sort(key=Row.sort_key)
    return rows


def stage_counts(user) -> dict[str, int]:
    referrals = referrals_for(user).filter(withdrawn_at__isnull=True).annotate(rated=_rated())
    counts = dict.fromkeys(Stage.OPEN, 0)
    for r in referrals.filter(outcome_communicated_on__isnull=True).only(
        "acknowledged_on", "outcome_communicated_on", "withdrawn_at"
    ):
        counts[stage_of(r, r.rated)] += 1
    return counts


def referral_page(referral: Referral, today: dt.date) -> dict:
    decision = (
        RatingDecision.objects.filter(person=referral.person, referral_id=referral.pk)
        .order_by("-decided_on", "-pk")
        .first()
    )
    scales = timescales_for([referral], today)[referral.pk]
    letters = list(referral.letters.select_related("sent_by"))
    return {
        "stage": stage_of(referral, decision is not None),
        "stage_label": Stage.LABELS[stage_of(referral, decision is not None)],
        "decision": decision,
        "deadlines": scales,
        "letters": letters,
        "failed_letters": [
            letter
            for letter in letters
            if letter.status == LetterStatus.FAILED and referral.withdrawn_at is None
        ],
        "waiting_kinds": {letter.kind for letter in letters if letter.status == LetterStatus.QUEUED},
        "calls": list(
            OutcomeCommunication.objects.filter(referral_id=referral.pk).select_related("decision")
        ),
        "triggers": labels_for(referral.triggers, "triggers"),
        "risk_factors": labels_for(referral.risk_factors, "risk_factors"),
    }
