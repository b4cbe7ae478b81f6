"""Running a queued import a batch at a time, and the report of what happened to each row."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.imports import queries
from opendsr.imports.models import ImportStatus, RegisterImport
from opendsr.imports.rules import RowResult
from opendsr.imports.services.people import _add_person, _take_off
from opendsr.imports.services.starting import refusal

log = logging.getLogger(__name__)

BATCH = 50  # people written per transaction, after which the progress bar moves on
FAILED = "import failed"


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
            "no_consent": sum(1 for row in rows if not row.values.get("consent_date")),
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
