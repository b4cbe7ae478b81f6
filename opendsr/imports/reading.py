"""Reading an uploaded spreadsheet, CSV or Excel (.xlsx), into a header row and rows of text.

Every cell becomes text or None: an Excel date cell becomes YYYY-MM-DD, a whole number its digits (so an NHS
number stored as a number keeps its ten digits), so that `rules.read_row` reads one kind of value. Rows keep the
number the spreadsheet shows (the header is row 1); blank rows are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

MAX_ROWS = 10_000
KINDS = {"csv": "CSV", "xlsx": "Excel"}


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet; the message says why, for the upload form."""


@dataclass
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[str | None]]]  # (row number, cells)


def kind_of(name: str) -> str | None:
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return suffix if suffix in KINDS else None


def cell_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError("The selected file could not be read: save it as CSV UTF-8 and upload it again")


def _csv_rows(content: bytes):
    text = _decode(content)
    if "\x00" in text:
        raise SpreadsheetError("The selected file must be a CSV or Excel (.xlsx) file")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise SpreadsheetError("The selected file could not be read as CSV") from error


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise SpreadsheetError("The selected file could not be read as an Excel (.xlsx) file") from error
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return
        yield from sheet.iter_rows(values_only=True)
    finally:
        book.close()


def read(content: bytes, name: str) -> Sheet:
    """The spreadsheet in an uploaded file. Raises SpreadsheetError saying what is wrong."""
    kind = kind_of(name)
    if kind is None:
        raise SpreadsheetError("The selected file must be a CSV or Excel (.xlsx) file")
    if not content.strip():
        raise SpreadsheetError("The selected file is empty")
    rows = _csv_rows(content) if kind == "csv" else _xlsx_rows(content)
    headers: list[str] | None = None
    found: list[tuple[int, list[str | None]]] = []
    try:
        for number, raw in enumerate(rows, start=1):
            cells = [cell_text(value) for value in raw]
            if headers is None:
                headers = [cell or "" for cell in cells]
                continue
            if not any(cells):
                continue
            if len(found) >= MAX_ROWS:
                raise SpreadsheetError(f"The selected file must have {MAX_ROWS:,} rows or fewer")
            found.append((number, cells))
    except (csv.Error, zipfile.BadZipFile, KeyError, ValueError) as error:
        if isinstance(error, SpreadsheetError):
            raise
        raise SpreadsheetError(f"The selected file could not be read as {KINDS[kind]}") from error
    if headers is None or not any(headers):
        raise SpreadsheetError("The selected file is empty")
    if not found:
        raise SpreadsheetError("The selected file has a header row but no people in it")
    return Sheet(headers=headers, rows=found)
