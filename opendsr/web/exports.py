"""Every CSV and Excel file OpenDSR writes goes through `download`: one place for the formula guard, the
byte-order mark that lets Excel read UTF-8, real dates in Excel, the file name, no caching, and the audit row
naming the people in the file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from opendsr.accounts import audit

CSV = "csv"
EXCEL = "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    EXCEL: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMAT_NAMES = {CSV: "CSV", EXCEL: "Excel"}

# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BYTE_ORDER_MARK = "\ufeff"
EXCEL_DATE = "d mmmm yyyy"  # 4 January 2027, as the NHS writes dates
EXCEL_DATETIME = "d mmmm yyyy hh:mm"
EXCEL_MONEY = "#,##0.00"
EXCEL_MAX_TEXT = 32_767  # characters in one cell
EXCEL_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")
# Characters XML 1.0 cannot hold; openpyxl refuses them rather than write a broken file.
CONTROL_CHARACTERS = re.compile(r"[\000-\010\013\014\016-\037]")


def safe_text(value: str) -> str:
    """Text a spreadsheet shows as typed: a leading =, +, -, @, tab or carriage return gets an apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _plain(value):
    """A value as a cell holds it: numbers and dates stay themselves, everything else becomes safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date):
        return value
    return safe_text(str(value))


def _csv_value(value):
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _csv(columns, rows) -> bytes:
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue().encode("utf-8")


def _width(value) -> int:
    if isinstance(value, dt.datetime):
        return 20
    if isinstance(value, dt.date):
        return 17
    return max((len(line) for line in str(value).splitlines()), default=0)


def _excel(columns, rows, sheet_title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(EXCEL_SHEET_TITLE.sub(" ", sheet_title)[:31] or "Sheet1")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        longest = max([_width(column), *(_width(row[index - 1]) for row in rows if len(row) >= index)])
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)

    def cell(value, **style):
        if isinstance(value, str):
            value = CONTROL_CHARACTERS.sub(" ", value)[:EXCEL_MAX_TEXT]
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"  # text, never a formula, whatever it starts with
        elif isinstance(value, dt.datetime):
            written.number_format = EXCEL_DATETIME
        elif isinstance(value, dt.date):
            written.number_format = EXCEL_DATE
        elif isinstance(value, Decimal):
            written.number_format = EXCEL_MONEY
        for name, setting in style.items():
            setattr(written, name, setting)
        return written

    sheet.append([cell(column, font=Font(bold=True)) for column in columns])
    for row in rows:
        sheet.append([cell(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(
    request,
    *,
    fmt: str,
    name: str,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    action: str,
    summary: str,
    people: Iterable[int] = (),
    person=None,
    detail: dict | None = None,
    sheet_title: str = "",
    people_by_icb: dict[int, list[int]] | None = None,
) -> HttpResponse:
    """A CSV or Excel file to download, audited as `action` with the ids of the people in it.

    `name` is the file name without its extension; `rows` hold plain values (text, numbers, dates, None).
    The summary is what the audit log shows, for example "Exported 12 people from the register". A file of
    several ICBs' people (`people_by_icb`) is audited once for each of those ICBs, with its own people, so that
    each ICB's audit log shows who took its people away in a file.
    """
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format")
    columns = [_plain(column) for column in columns]
    rows = [[_plain(value) for value in row] for row in rows]
    content = _csv(columns, rows) if fmt == CSV else _excel(columns, rows, sheet_title or name)
    filename = f"{name}.{fmt}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    add_never_cache_headers(response)
    shares = people_by_icb.items() if people_by_icb else [(None, people)]
    for icb_id, theirs in shares:
        audit.record(
            request,
            action,
            person=person,
            summary=f"{summary} ({FORMAT_NAMES[fmt]} file)",
            detail={
                **(detail or {}),
                "file": filename,
                "format": fmt,
                "count": len(rows),
                "people": sorted({int(pk) for pk in theirs if pk is not None}),
            },
            icb_id=icb_id,
        )
    return response
