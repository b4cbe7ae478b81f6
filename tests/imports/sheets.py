"""Spreadsheets built in the tests, as DSR co-ordinators keep them: varied headers, dates as Excel date cells,
serial numbers and text in several forms, NHS numbers with spaces and dashes, ratings in any case, blanks."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook

from opendsr.register import nhs_numbers

MESSY_HEADERS = [
    "NHS No.",
    "Forename",
    "SURNAME",
    "D.O.B.",
    "Current RAG",
    "Date added to DSR",
    "Post code",
    "Lead Professional",
    "Consent date",
    "Date of last C(E)TR",
    "Setting",
    "Diagnosis",
    "Favourite colour",
]


def numbers(start: int = 700_000):
    return nhs_numbers.test_range(start)


def spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


def dashed(number: str) -> str:
    return f"{number[:3]}-{number[3:6]}-{number[6:]}"


def wrong_check_digit(number: str) -> str:
    return number[:9] + str((int(number[9]) + 1) % 10)


def clean_rows(count: int, *, start: int = 700_000) -> list[list]:
    """`count` people, each row written a little differently (as real sheets are)."""
    rows = []
    ratings = ["red", "AMBER", "Green", "blue", "", "Red"]
    diagnoses = ["LD", "Autism", "LD and autism", "learning disability", "ASC", "Both"]
    settings = ["Family home", "Supported living", "Inpatient ward", "", "Residential school", "A&E"]
    for i, number in zip(range(count), numbers(start)):
        born = dt.date(1980 + i % 30, 1 + i % 12, 1 + i % 28)
        formats = [
            number,
            spaced(number),
            dashed(number),
        ]
        dob = [born.strftime("%d/%m/%Y"), born.isoformat(), f"{born.day}/{born.month}/{born:%y}"][i % 3]
        rows.append(
            [
                formats[i % 3],
                f"Given{i}",
                f"Family{i}",
                dob,
                ratings[i % len(ratings)],
                "01/04/2025" if i % 4 else "",
                "LS1 4AP" if i % 2 else "",
                "Dr A Nurse" if i % 5 == 0 else "",
                "2026-06-01" if i % 3 == 0 else "",
                "15/1/26" if i % 7 == 0 else "",
                settings[i % len(settings)],
                diagnoses[i % len(diagnoses)],
                "blue",
            ]
        )
    return rows


def as_csv(rows: list[list], headers: list[str] = MESSY_HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(rows: list[list], headers: list[str] = MESSY_HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
