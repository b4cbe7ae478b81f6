"""Reads for the records pages: possible duplicates, merges, and moves between ICBs. Each starts from the user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from opendsr.accounts import access
from opendsr.accounts.models import Organisation, OrganisationKind, Role
from opendsr.records import packages, relations, rules
from opendsr.records.models import IcbTransfer, NotDuplicate, RecordMerge, TransferPackage, TransferStatus
from opendsr.register.models import ExitReason, Person
from opendsr.web.params import whole_number
from opendsr.web.today import today as get_today

SOMEONE = ("pk", "given_name", "family_name", "date_of_birth", "nhs_number")


@dataclass(frozen=True)
class Pair:
    first: Person
    second: Person
    why: str


def _someone(row: dict) -> rules.Someone:
    return rules.Someone(**{name: row[name] for name in SOMEONE})


def _mergeable(user):
    """The people a user may merge: those they see, less records already merged away."""
    merged_away = RecordMerge.objects.filter(unmerged_at__isnull=True).values("merged_id")
    return access.people_for(user).exclude(pk__in=merged_away)


def _marked(icb_id) -> set[tuple[int, int]]:
    """The pairs of records (lower id first) the DSR lead has said are different people."""
    marks = NotDuplicate.objects.filter(icb_id=icb_id, removed_at__isnull=True)
    return set(marks.values_list("first_id", "second_id"))


def _unmarked(alike: list[rules.Alike], icb_id) -> list[rules.Alike]:
    """Leave out pairs marked as different people, unless they share an NHS number: that is always one person."""
    marked = _marked(icb_id)
    return [
        a
        for a in alike
        if a.why == rules.SAME_NHS_NUMBER or tuple(sorted((a.first.pk, a.second.pk))) not in marked
    ]


def _pairs(alike: list[rules.Alike]) -> list[Pair]:
    ids = {a.first.pk for a in alike} | {a.second.pk for a in alike}
    people = Person.objects.in_bulk(ids)
    return [Pair(people[a.first.pk], people[a.second.pk], a.why) for a in alike]


def possible_duplicates(user) -> list[Pair]:
    """Every pair of records on the user's register that may be one person."""
    people = _mergeable(user).order_by().values(*SOMEONE)
    return _pairs(_unmarked(rules.possible_duplicates(_someone(row) for row in people), user.icb_id))


def duplicates_of(user, person: Person) -> list[Pair]:
    """The records on the user's register that may be the same person as this one."""
    if not access.allowed(user, access.Action.MERGE_RECORDS):
        return []
    near = Q(date_of_birth=person.date_of_birth) | Q(
        given_name__iexact=person.given_name, family_name__iexact=person.family_name
    )
    if person.nhs_number:
        near |= Q(nhs_number=person.nhs_number)
    mine = _someone({name: getattr(person, name) for name in SOMEONE})
    found = []
    for row in _mergeable(user).filter(near).exclude(pk=person.pk).order_by().values(*SOMEONE):
        why = rules.why_alike(mine, _someone(row))
        if why:
            found.append(rules.Alike(mine, _someone(row), why))
    return _pairs(_unmarked(found, user.icb_id))


def marks_for(user):
    """The pairs the user's ICB marked as different people, the marks in force first."""
    return (
        NotDuplicate.objects.filter(icb_id=user.icb_id)
        .select_related("first", "second", "marked_by", "removed_by")
        .order_by(F("removed_at").desc(nulls_first=True), "-marked_at", "-id")
    )


def mark_for(user, pk) -> NotDuplicate:
    """One mark of the user's ICB, or 404."""
    pk = whole_number(pk)
    found = marks_for(user).filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise Http404("No such mark")
    return found


@dataclass(frozen=True)
class MarkOnPerson:
    """A mark in force saying this person and a look-alike record are different people, as the person's page shows
    it. The other record is named only to a user who may see it; to anyone else it is "a look-alike record"."""

    pk: int  # the mark's
    other: Person | None  # None when the user may not see the other record
    in_another_team: bool  # the other record is in a team other than the user's
    marked_on: dt.date
    marked_by: str
    reason: str | None  # None without the other record: the lead's words may name that person


def marks_on(user, person: Person) -> list[MarkOnPerson]:
    """The marks in force on this person's record, newest first (removed marks are on the list of marks)."""
    marks = list(
        NotDuplicate.objects.filter(Q(first=person) | Q(second=person), icb_id=user.icb_id, removed_at=None)
        .select_related("first", "second", "marked_by")
        .order_by("-marked_at", "-id")
    )
    if not marks:
        return []
    others = {mark.pk: mark.second if mark.first_id == person.pk else mark.first for mark in marks}
    visible = set(
        access.people_for(user).filter(pk__in=[o.pk for o in others.values()]).values_list("pk", flat=True)
    )
    shown = []
    for mark in marks:
        other = others[mark.pk]
        seen = other.pk in visible
        shown.append(
            MarkOnPerson(
                pk=mark.pk,
                other=other if seen else None,
                in_another_team=bool(user.team_id) and other.team_id != user.team_id,
                marked_on=timezone.localtime(mark.marked_at).date(),
                marked_by=mark.marked_by.display_name,
                reason=mark.reason if seen else None,
            )
        )
    return shown


def merge_for(user, pk) -> RecordMerge:
    """One merge on the user's register, or 404."""
    pk = whole_number(pk)
    found = RecordMerge.objects.filter(icb_id=user.icb_id, pk=pk).first() if pk is not None else None
    if found is None:
        raise Http404("No such merge")
    return found


def merges_for(user):
    return RecordMerge.objects.filter(icb_id=user.icb_id).select_related("survivor", "merged", "merged_by")


def merges_of(person: Person) -> list[RecordMerge]:
    """The merges this record took part in, newest first."""
    return list(
        RecordMerge.objects.filter(Q(survivor=person) | Q(merged=person)).select_related("survivor", "merged")
    )


def moved_counts(moved: dict) -> list[tuple[str, int]]:
    """What a merge moves, in words: ("timeline events", 4)."""
    return [(relations.relation(label).words, len(ids)) for label, ids in moved.items()]


# ------------------------------------------------------------------------------------------------ transfers


def other_icbs(user):
    return Organisation.objects.filter(kind=OrganisationKind.ICB).exclude(pk=user.icb_id).order_by("name")


def transfer_for(user, pk) -> IcbTransfer:
    """A move the user's ICB sent or received, or 404."""
    pk = whole_number(pk)
    mine = Q(from_icb_id=user.icb_id) | Q(to_icb_id=user.icb_id)
    found = IcbTransfer.objects.filter(mine, pk=pk).first() if pk is not None else None
    if found is None:
        raise Http404("No such move")
    return found


def transfers_for(user) -> dict:
    related = IcbTransfer.objects.select_related("from_icb", "to_icb", "proposed_by", "decided_by")
    return {
        "incoming": list(related.filter(to_icb_id=user.icb_id, status=TransferStatus.PROPOSED)),
        "outgoing": list(related.filter(from_icb_id=user.icb_id, status=TransferStatus.PROPOSED)),
        "answered": list(
            related.filter(Q(from_icb_id=user.icb_id) | Q(to_icb_id=user.icb_id)).exclude(
                status=TransferStatus.PROPOSED
            )[:50]
        ),
    }


def moved_away(user):
    """People who left the user's register for another ICB: the note the sending ICB keeps. A user who works in a
    team sees those who were in their team."""
    notes = IcbTransfer.objects.filter(
        from_icb_id=user.icb_id, status=TransferStatus.ACCEPTED
    ).select_related("to_icb", "decided_by")
    if user.role in (Role.CASE_MANAGER, Role.PROFESSIONAL) and user.team_id:
        notes = notes.filter(from_team_id=user.team_id)
    elif user.role == Role.PROFESSIONAL:
        notes = notes.none()
    return notes.order_by("-decided_at", "-id")


def transfer_of(person: Person) -> IcbTransfer | None:
    return (
        IcbTransfer.objects.filter(person=person, status=TransferStatus.PROPOSED)
        .select_related("to_icb")
        .first()
    )


# ------------------------------------------------------------------------------------- transfer packages


def package_for(user, pk) -> TransferPackage:
    """A transfer package the user's ICB made or received, or 404."""
    pk = whole_number(pk)
    found = TransferPackage.objects.filter(icb_id=user.icb_id, pk=pk).first() if pk is not None else None
    if found is None:
        raise Http404("No such transfer package")
    return found


def packages_for(user) -> list[TransferPackage]:
    return list(TransferPackage.objects.filter(icb_id=user.icb_id).select_related("made_by")[:50])


def package_check(package: TransferPackage) -> packages.Check:
    """What importing a received package into its ICB's register would do, and what stops it."""
    return packages.check(
        package.document, register=Person.objects.filter(icb_id=package.icb_id), today=get_today()
    )


def package_of(person: Person) -> TransferPackage | None:
    """The package a person came in by, or left by."""
    return TransferPackage.objects.filter(person=person).first()


def left_as_moved(person: Person) -> bool:
    """Whether the person's latest leaving of the register was a move to another ICB."""
    latest = person.exits.order_by("-left_on", "-id").first()
    return latest is not None and latest.reason == ExitReason.MOVED_ICB
