"""Reads for imports: what an import would do (the preview), the ICB's imports, and whether the people an
import added have changed since (which stops an undo)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from opendsr.imports import rules
from opendsr.imports.models import ImportedPerson, ImportStatus, RegisterImport, SavedColumn
from opendsr.register.models import (
    ConsentRecord,
    Obligation,
    Person,
    RatingDecision,
    RegisterStatus,
    TimelineEvent,
)
from opendsr.web.today import today as get_today


@dataclass
class Match:
    row: rules.RowResult
    person: Person


@dataclass
class Plan:
    """What importing the rows would do: people to add, people already on the register (same NHS number),
    possible matches (same name and date of birth, another NHS number or none) for the user to decide, and
    rejected rows with their reasons."""

    to_add: list[rules.RowResult] = field(default_factory=list)
    already: list[Match] = field(default_factory=list)
    possible: list[Match] = field(default_factory=list)
    rejected: list[rules.RowResult] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.to_add) + len(self.already) + len(self.possible) + len(self.rejected)

    def adding(self, decisions: dict) -> list[rules.RowResult]:
        """The rows to add: those not on the register, and the possible matches the user chose to add."""
        chosen = [m.row for m in self.possible if decisions.get(str(m.row.number)) == "add"]
        return sorted(self.to_add + chosen, key=lambda row: row.number)

    def undecided(self, decisions: dict) -> list[Match]:
        return [m for m in self.possible if decisions.get(str(m.row.number)) not in ("add", "skip")]

    def not_excluded(self, excluded) -> list[rules.RowResult]:
        excluded = {int(n) for n in excluded or ()}
        return [row for row in self.rejected if row.number not in excluded]


def saved_columns(icb) -> dict[str, str]:
    return dict(SavedColumn.objects.filter(icb=icb).values_list("header", "field"))


def teams_of(icb) -> dict[str, int]:
    return {team.name.casefold(): team.pk for team in icb.teams.all()}


def mapping_of(register_import: RegisterImport) -> dict[int, str]:
    return {int(position): name for position, name in register_import.mapping.items() if name}


def plan(register_import: RegisterImport) -> Plan:
    """Read every row against the register as it is now."""
    today = get_today()
    mapping = mapping_of(register_import)
    teams = teams_of(register_import.icb)
    results = []
    for number, cells in register_import.rows:
        values = {name: (cells[pos] if pos < len(cells) else None) for pos, name in mapping.items()}
        results.append(rules.read_row(number, values, today=today, teams=teams))
    rules.duplicate_problems(results)
    found = Plan()
    readable = [row for row in results if not row.rejected]
    found.rejected = [row for row in results if row.rejected]
    people = Person.objects.filter(icb=register_import.icb)
    by_number = {
        p.nhs_number: p for p in people.filter(nhs_number__in=[row.values["nhs_number"] for row in readable])
    }
    births = {row.values["date_of_birth"] for row in readable}
    by_name: dict[tuple, Person] = {}
    for p in people.filter(date_of_birth__in=births).exclude(status="left").order_by("pk"):
        by_name.setdefault((p.given_name.casefold(), p.family_name.casefold(), p.date_of_birth), p)
    for row in readable:
        v = row.values
        if v["nhs_number"] in by_number:
            found.already.append(Match(row, by_number[v["nhs_number"]]))
            continue
        same = by_name.get((v["given_name"].casefold(), v["family_name"].casefold(), v["date_of_birth"]))
        if same is not None:
            found.possible.append(Match(row, same))
        else:
            found.to_add.append(row)
    return found


def imports_for(user):
    return RegisterImport.objects.filter(icb_id=user.icb_id).select_related("uploaded_by").defer("rows")


def import_for(user, pk) -> RegisterImport:
    text = str(pk)
    found = (
        RegisterImport.objects.filter(icb_id=user.icb_id, pk=int(text)).select_related("uploaded_by").first()
        if text.isdigit() and len(text) <= 18
        else None
    )
    if found is None:
        raise Http404("No such import")
    return found


# Records that are the import's own, or derived, or the trail of who looked: none of these is a change.
_NOT_CHANGES = {TimelineEvent, RatingDecision, ConsentRecord, Obligation, ImportedPerson}


def changes_since(register_import: RegisterImport) -> list[tuple[Person, str]]:
    """The people the import added whose records have changed since, and what changed: while there are any,
    the import cannot be undone."""
    changed = []
    for added in register_import.people.select_related("person"):
        person = added.person
        what = []
        if person.history.count() > 1:
            what.append("their details were changed")
        if TimelineEvent.objects.filter(person=person).exclude(source=register_import.source).exists():
            what.append("something was recorded on their timeline")
        if RatingDecision.objects.filter(person=person).exclude(pk=added.rating_decision_id).exists():
            what.append("they were rated")
        if ConsentRecord.objects.filter(person=person).exclude(pk=added.consent_id).exists():
            what.append("their consent was recorded")
        for relation in Person._meta.related_objects:
            model = relation.related_model
            if model in _NOT_CHANGES or model._meta.label == "accounts.AuditEvent":
                continue
            if model.__name__.startswith("Historical"):
                continue
            if model._default_manager.filter(**{relation.field.name: person}).exists():
                what.append(f"a {model._meta.verbose_name} was recorded")
        if what:
            changed.append((person, ", ".join(dict.fromkeys(what))))
    return changed


def imported_without_consent(people: QuerySet) -> QuerySet:
    """The people an import put on the register with no date consent was given in the old sheet, and no consent
    recorded since (docs/adr/0009): their consent is to be checked and recorded, or a best interests decision."""
    return (
        ImportedPerson.objects.filter(
            person__in=people.filter(status=RegisterStatus.ACTIVE).values("pk"),
            register_import__status=ImportStatus.DONE,
            consent_id__isnull=True,
        )
        .exclude(person__in=ConsentRecord.objects.values("person"))
        .select_related("register_import")
        .order_by("person_id")
    )
