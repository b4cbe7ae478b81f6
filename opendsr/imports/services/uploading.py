"""Uploading a spreadsheet and mapping its columns to the register's fields."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.imports import columns, queries, reading
from opendsr.imports.models import RegisterImport, SavedColumn


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
