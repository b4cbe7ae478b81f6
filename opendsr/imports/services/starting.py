"""Checking the rows again with the user's choices, and queueing the import."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.imports import queries
from opendsr.imports.models import ImportStatus, RegisterImport


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
