"""Undoing an import: taking the people it added off the register again."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.imports import queries
from opendsr.imports.models import ImportStatus, RegisterImport
from opendsr.imports.services.people import _take_off

UNDONE = "import undone"


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
