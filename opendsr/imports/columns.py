"""Recognising a spreadsheet's columns: the headers DSR spreadsheets use for each thing OpenDSR imports.

Headers are compared with case, spacing and punctuation ignored ("D.O.B." is "dob", "NHS no." is "nhsno").
A header not recognised here may be mapped by the user on the mapping page; their choice is kept for their
ICB's next import (`SavedColumn`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

IGNORE = ""


@dataclass(frozen=True)
class Column:
    field: str
    label: str  # what the mapping page and the preview call it
    headers: tuple[str, ...]  # the headers recognised without help
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("nhs_number", "NHS number", ("NHS No", "NHS Number", "NHS no.", "NHS #", "NHSNo"), required=True),
    Column("given_name", "First name", ("Forename", "First name", "Given name", "Forenames", "First names")),
    Column("family_name", "Last name", ("Surname", "Last name", "Family name")),
    Column("date_of_birth", "Date of birth", ("DOB", "D.O.B.", "Date of birth", "Birth date")),
    Column(
        "rating", "Rating", ("RAG", "RAG rating", "Rating", "Current RAG", "Current rating", "RAG status")
    ),
    Column("rating_date", "Date of the rating", ("Rating date", "Date of rating", "RAG date", "Date rated")),
    Column(
        "date_added",
        "Date added to the register",
        ("Date added to DSR", "Date added", "Date added to register"),
    ),
    Column("postcode", "Postcode", ("Postcode", "Post code")),
    Column(
        "lead_professional", "Lead professional", ("Lead professional", "Lead practitioner", "Lead worker")
    ),
    Column(
        "consent_date",
        "Date consent was given",
        ("Consent date", "Date of consent", "Consent given", "Date consent given"),
    ),
    Column(
        "last_cetr_date",
        "Date of the last C(E)TR",
        (
            "Date of last C(E)TR",
            "Date of last CETR",
            "Date of last CTR",
            "Last C(E)TR",
            "Last CETR",
            "Last CTR",
            "Last C(E)TR date",
            "Last CETR date",
            "Last CTR date",
        ),
    ),
    Column("setting", "Setting", ("Setting", "Current setting", "Location", "Placement")),
    Column("diagnosis", "Diagnosis", ("Diagnosis", "Primary diagnosis", "LD/Autism", "LD / autism")),
    Column("team", "Team", ("Team", "Allocated team", "Care team")),
    Column("keyworker", "Keyworker", ("Keyworker", "Key worker", "Keyworker name")),
)
BY_FIELD = {column.field: column for column in COLUMNS}
FIELD_CHOICES = [(column.field, column.label) for column in COLUMNS]


def header_key(header) -> str:
    """A header with case, spacing and punctuation ignored: "D.O.B." and "dob" are the same header."""
    return re.sub(r"[^a-z0-9#]", "", str(header or "").lower()).replace("#", "no")


_KNOWN = {header_key(h): column.field for column in COLUMNS for h in column.headers}


def recognise(headers: list[str], saved: dict[str, str] | None = None) -> tuple[dict[int, str], list[int]]:
    """Which field each column holds, by its position: (recognised {position: field}, positions not known).

    A column is known from the built-in headers, or from what the ICB saved for that header last time (which
    may be to ignore it). The first column holding a field wins; a later one with the same field is not known.
    """
    saved = saved or {}
    found: dict[int, str] = {}
    unknown: list[int] = []
    taken: set[str] = set()
    for position, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue  # a column with no header is ignored
        if key in _KNOWN:
            field = _KNOWN[key]
        elif key in saved:
            field = saved[key]
            if field == IGNORE:
                continue
        else:
            unknown.append(position)
            continue
        if field in taken or field not in BY_FIELD:
            unknown.append(position)
            continue
        taken.add(field)
        found[position] = field
    return found, unknown


def missing_required(mapping: dict[int, str]) -> list[Column]:
    return [column for column in COLUMNS if column.required and column.field not in mapping.values()]
