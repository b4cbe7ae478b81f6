"""Writes for imports: reading an upload, mapping its columns, importing its people, and undoing an import.

How imported ratings, consent and C(E)TR dates become timeline events, and which obligations they raise, is
docs/adr/0009: every event an import writes carries `"imported": true` and the source "import:<pk>".
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.imports import columns, queries, reading
from opendsr.imports.models import ImportedPerson, ImportStatus, RegisterImport, SavedColumn
from opendsr.imports.rules import RowResult
from opendsr.policy import dates
from opendsr.register import obligations
from opendsr.register.models import (
    ConsentKind,
    ConsentRecord,
    ConsentScope,
    ExitReason,
    Person,
    RatingDecision,
    RegisterExit,
    RegisterStatus,
)
from opendsr.register.timeline import record_event, void_events
from opendsr.web.today import today as get_today

log = logging.getLogger(__name__)

BATCH = 50  # people written per transaction, after which the progress bar moves on
UNDONE = "import undone"
FAILED = "import failed"
IMPORTED = {"imported": True}


def new_import(*, icb, by, sheet: reading.Sheet, file_name: str) -> RegisterImport:
    """An import of a spreadsheet, its columns recognised from their headers and the ICB's saved mapping
    (not saved: the caller saves it, or, for a dry run, does not)."""
    found, _unknown = columns.recognise(sheet.headers, queries.saved_columns(icb))
    return RegisterImport(
        icb=icb,
        uploaded_by=by,
        file_name=file_name[:200],
        headers=sheet.headers,
        rows=[[number, cells] for number, cells in sheet.rows],
        mapping={str(position): name for position, name in found.items()},
    )


@transaction.atomic
def upload(*, icb, by, sheet: reading.Sheet, file_name: str, request=None) -> RegisterImport:
    register_import = new_import(icb=icb, by=by, sheet=sheet, file_name=file_name)
    register_import.save()
    audit.record(
        request or by,
        "register.import_uploaded",
        summary=f"Uploaded {register_import.file_name} to import ({len(sheet.rows)} rows)",
        detail={"import": register_import.pk, "rows": len(sheet.rows)},
    )
    return register_import


@transaction.atomic
def map_columns(
    *, register_import: RegisterImport, by, chosen: dict[int, str], request=None
) -> RegisterImport:
    """The user's choice of field for each column ("" to ignore it), kept for the ICB's next import."""
    fields = [name for name in chosen.values() if name]
    twice = sorted({name for name in fields if fields.count(name) > 1})
    if twice:
        labels = ", ".join(columns.BY_FIELD[name].label.lower() for name in twice)
        raise ValidationError({"__all__": f"Choose only one column for each of: {labels}"})
    if "nhs_number" not in fields:
        raise ValidationError({"__all__": "Choose the column that holds the NHS number"})
    register_import.mapping = {str(position): name for position, name in chosen.items() if name}
    register_import.save(update_fields=["mapping"])
    built_in = {columns.header_key(h) for column in columns.COLUMNS for h in column.headers}
    for position, name in chosen.items():
        key = columns.header_key(register_import.headers[position])
        if key and key not in built_in:
            SavedColumn.objects.update_or_create(
                icb=register_import.icb, header=key[:200], defaults={"field": name, "saved_by": by}
            )
    audit.record(
        request or by,
        "register.import_mapped",
        summary=f"Mapped the columns of {register_import.file_name}",
        detail={"import": register_import.pk, "mapping": register_import.mapping},
    )
    return register_import


def refusal(plan: queries.Plan, *, excluded, decisions) -> dict[str, str]:
    """Why these rows cannot be imported as they are (empty when they can): all or nothing."""
    problems = {}
    left = plan.not_excluded(excluded)
    if left:
        problems["exclude"] = (
            f"{len(left)} row{'s' if len(left) != 1 else ''} cannot be imported: correct the spreadsheet and "
            "upload it again, or choose to leave out the rejected rows"
        )
    undecided = plan.undecided(decisions)
    if undecided:
        problems["decisions"] = "Choose whether to add each person who may already be on the register" + (
            f" (row {', row '.join(str(m.row.number) for m in undecided[:5])}"
            + (" and others)" if len(undecided) > 5 else ")")
        )
    return problems


@transaction.atomic
def start(*, register_import: RegisterImport, by, excluded, decisions, request=None) -> RegisterImport:
    """Check the rows again, with the rows the user chose to leave out and their decisions on possible
    matches, and queue the import. Nothing is written while any row is rejected and not left out."""
    register_import = RegisterImport.objects.select_for_update().get(pk=register_import.pk)
    if register_import.status != ImportStatus.PREVIEW:
        raise ValidationError({"__all__": "This spreadsheet has already been imported"})
    plan = queries.plan(register_import)
    problems = refusal(plan, excluded=excluded, decisions=decisions)
    if problems:
        raise ValidationError(problems)
    register_import.excluded_rows = sorted(row.number for row in plan.rejected)
    register_import.decisions = {str(m.row.number): decisions[str(m.row.number)] for m in plan.possible}
    register_import.total = len(plan.adding(register_import.decisions))
    register_import.status = ImportStatus.QUEUED
    register_import.save()
    audit.record(
        request or by,
        "register.import_started",
        summary=f"Started importing {register_import.total} people from {register_import.file_name}",
        detail={"import": register_import.pk, "excluded_rows": register_import.excluded_rows},
    )
    return register_import


def run(register_import_pk: int) -> RegisterImport:
    """Import the people of a queued import, a batch at a time (so the progress page can follow). Should
    anything fail part of the way, the people already added are taken off again: all or nothing."""
    with transaction.atomic():
        register_import = RegisterImport.objects.select_for_update().get(pk=register_import_pk)
        if register_import.status != ImportStatus.QUEUED:
            return register_import
        plan = queries.plan(register_import)
        rows = plan.adding(register_import.decisions)
        if refusal(plan, excluded=register_import.excluded_rows, decisions=register_import.decisions) or (
            len(rows) != register_import.total
        ):
            register_import.status = ImportStatus.FAILED
            register_import.error = "The register changed after the preview: check the spreadsheet again"
            register_import.save(update_fields=["status", "error"])
            return register_import
        register_import.status = ImportStatus.RUNNING
        register_import.save(update_fields=["status"])
    by = register_import.uploaded_by
    try:
        for start_at in range(0, len(rows), BATCH):
            with transaction.atomic():
                for row in rows[start_at : start_at + BATCH]:
                    _add_person(register_import, row, by)
                register_import.done = min(start_at + BATCH, len(rows))
                register_import.save(update_fields=["done"])
    except Exception as error:
        log.exception("Import %s failed", register_import.pk)
        with transaction.atomic():
            for added in register_import.people.select_related("person"):
                _take_off(register_import, added, by=by, reason=FAILED)
            register_import.status = ImportStatus.FAILED
            register_import.error = (
                f"Something went wrong on the server ({type(error).__name__}): nobody was added"
            )
            register_import.save(update_fields=["status", "error"])
        return register_import
    with transaction.atomic():
        register_import.report = report_rows(register_import, plan)
        register_import.summary = {
            "added": len(rows),
            "already": len(plan.already),
            "possible_skipped": len(plan.possible) - (len(rows) - len(plan.to_add)),
            "excluded": len(plan.rejected),
            "blue": sum(1 for row in rows if row.values.get("rating") == "blue"),
        }
        register_import.status = ImportStatus.DONE
        register_import.imported_at = timezone.now()
        register_import.save(update_fields=["report", "summary", "status", "imported_at"])
        audit.record(
            by,
            "register.imported",
            summary=f"Imported {len(rows)} people from {register_import.file_name}",
            detail={"import": register_import.pk, **register_import.summary},
        )
    return register_import


def report_rows(register_import: RegisterImport, plan: queries.Plan) -> list[dict]:
    added = dict(register_import.people.values_list("row", "person_id"))

    def line(row: RowResult, outcome: str, reason: str = "", person=None) -> dict:
        return {
            "row": row.number,
            "outcome": outcome,
            "name": row.name,
            "nhs_number": row.values.get("nhs_number", ""),
            "reason": reason,
            "person": person,
        }

    lines = [line(row, "Added", person=added.get(row.number)) for row in plan.to_add]
    lines += [
        line(m.row, "Already on the register", f"Same NHS number as {m.person.full_name}", m.person.pk)
        for m in plan.already
    ]
    for m in plan.possible:
        if m.row.number in added:
            lines.append(
                line(m.row, "Added", f"Added after a check: not {m.person.full_name}", added[m.row.number])
            )
        else:
            lines.append(
                line(
                    m.row,
                    "Left out",
                    f"The same person as {m.person.full_name} (same name and date of birth)",
                    m.person.pk,
                )
            )
    lines += [line(row, "Rejected and left out", row.reason) for row in plan.rejected]
    return sorted(lines, key=lambda item: item["row"])


def rating_date(values: dict):
    """The date an imported rating counts from (docs/adr/0009): its own date, else the date the person was
    added to the register, else their last C(E)TR (at which it is taken as confirmed), else the day of the
    import."""
    return (
        values.get("rating_date") or values.get("date_added") or values.get("last_cetr_date") or get_today()
    )


def _add_person(register_import: RegisterImport, row: RowResult, by) -> ImportedPerson:
    """One person, with what the old register knew as timeline events marked as imported (docs/adr/0009)."""
    v = row.values
    source = register_import.source
    from_where = f"Imported from {register_import.file_name}, row {row.number}"
    rating = v.get("rating", "")
    rated_on = rating_date(v)
    rationale = from_where
    if not (v.get("rating_date") or v.get("date_added")) and v.get("last_cetr_date"):
        rationale += f" (undated: taken as confirmed at the C(E)TR on {dates.long_date(rated_on)})"
    person = Person(
        icb=register_import.icb,
        team_id=v.get("team"),
        status=RegisterStatus.ACTIVE,
        nhs_number=v["nhs_number"],
        given_name=v["given_name"],
        family_name=v["family_name"],
        date_of_birth=v["date_of_birth"],
        diagnosis=v["diagnosis"],
        postcode=v.get("postcode", ""),
        lead_professional=v.get("lead_professional", ""),
        location=v.get("location", "community"),
        keyworker_name=v.get("keyworker", ""),
        known_to_keyworker=bool(v.get("keyworker")),
        current_rating=rating,
        rating_decided_on=rated_on if rating else None,
    )
    person.full_clean(exclude=["nhs_number"])
    person.save()
    decision = consent = None
    if rating:
        decision = RatingDecision.objects.create(
            person=person, rating=rating, decided_on=rated_on, decided_by=by, rationale=rationale
        )
        if rating != "blue":  # blue follows from an admission, which the spreadsheet does not date
            record_event(
                person=person,
                type="stratified",
                date=rated_on,
                by=by,
                data={"rating": rating, **IMPORTED},
                source=source,
                notes=from_where,
                refresh=False,
            )
            record_event(
                person=person,
                type="outcome_communicated",
                date=rated_on,
                by=by,
                data=IMPORTED,
                source=source,
                notes="Told before OpenDSR: " + from_where,
                refresh=False,
            )
    if v.get("consent_date"):
        consent = ConsentRecord.objects.create(
            person=person,
            kind=ConsentKind.GIVEN,
            scopes=[ConsentScope.INCLUSION],
            date=v["consent_date"],
            notes=from_where + " (who gave consent was not recorded)",
            recorded_by=by,
        )
        record_event(
            person=person,
            type="consent_given",
            date=v["consent_date"],
            by=by,
            data=IMPORTED,
            source=source,
            notes=from_where,
            refresh=False,
        )
    if v.get("last_cetr_date"):
        kind = "inpatient" if rating == "blue" else "community"
        record_event(
            person=person,
            type="cetr_held",
            date=v["last_cetr_date"],
            by=by,
            data={"kind": kind, **IMPORTED},
            source=source,
            notes=from_where,
            refresh=False,
        )
        record_event(
            person=person,
            type="cetr_report_sent",
            date=v["last_cetr_date"],
            by=by,
            data=IMPORTED,
            source=source,
            notes="Sent before OpenDSR: " + from_where,
            refresh=False,
        )
    obligations.refresh_for(person)
    audit.record(
        by,
        "person.imported",
        person=person,
        summary=from_where,
        detail={"import": register_import.pk, "row": row.number},
    )
    return ImportedPerson.objects.create(
        register_import=register_import,
        person=person,
        row=row.number,
        rating_decision_id=getattr(decision, "pk", None),
        consent_id=getattr(consent, "pk", None),
    )


def _take_off(register_import: RegisterImport, added: ImportedPerson, *, by, reason: str) -> None:
    """Soft: the person leaves the register with the reason, the import's events are voided, their history
    stays. The NHS number is let go (it stays in the history), so importing the person again can add them."""
    person = Person.objects.select_for_update().get(pk=added.person_id)
    void_events(person=person, source=register_import.source, reason=reason, refresh=False)
    RegisterExit.objects.create(
        person=person, reason=ExitReason.OTHER, left_on=get_today(), notes=reason.capitalize(), recorded_by=by
    )
    person.status = RegisterStatus.LEFT
    person.nhs_number = ""
    person.version += 1
    person.save()
    obligations.refresh_for(person)
    audit.record(
        by,
        "person.import_undone",
        person=person,
        summary=f"Taken off the register: {reason}",
        detail={"import": register_import.pk},
    )


@transaction.atomic
def undo(*, register_import: RegisterImport, by, request=None) -> RegisterImport:
    """Take the people an import added off the register again, while nothing else has changed them."""
    register_import = RegisterImport.objects.select_for_update().get(pk=register_import.pk)
    if register_import.status != ImportStatus.DONE:
        raise ValidationError({"__all__": "Only a finished import can be undone"})
    changed = queries.changes_since(register_import)
    if changed:
        names = "; ".join(f"{person.full_name}: {what}" for person, what in changed[:5])
        more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        raise ValidationError(
            {
                "__all__": f"This import can no longer be undone, because records it added have changed since ({names}{more})"
            }
        )
    for added in register_import.people.all():
        _take_off(register_import, added, by=by, reason=UNDONE)
    register_import.status = ImportStatus.UNDONE
    register_import.undone_at = timezone.now()
    register_import.undone_by = by
    register_import.save(update_fields=["status", "undone_at", "undone_by"])
    audit.record(
        request or by,
        "register.import_undone",
        summary=f"Undid the import of {register_import.file_name}: {register_import.people.count()} people taken off",
        detail={"import": register_import.pk},
    )
    return register_import
