"""Reading one spreadsheet row as a person: values as they come in real sheets, and plain-words reasons for
what cannot be read. Plain functions over plain data, tested without the database.

Cells reach here as text (or None when blank): the file readers turn Excel dates into YYYY-MM-DD and whole
numbers into their digits (`reading.py`). Dates may be Excel serial numbers, dd/mm/yyyy, d/m/yy or ISO; NHS
numbers may have spaces or dashes; ratings come in any case.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from opendsr.imports.columns import BY_FIELD
from opendsr.policy import dates
from opendsr.register import nhs_numbers

EXCEL_EPOCH = dt.date(
    1899, 12, 30
)  # Excel's day 0 (it counts 1900 as a leap year, so day 60 is its 29 February)
RATINGS = {
    "red": "red",
    "r": "red",
    "amber": "amber",
    "a": "amber",
    "green": "green",
    "g": "green",
    "blue": "blue",
    "b": "blue",
}
MAX_TEXT = 200
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_TEXT_MONTH = ("%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %y")

# The words DSR spreadsheets use for diagnoses and settings (case ignored).
_LEARNING_DISABILITY = re.compile(r"\b(ld|lda|learning\s*disabilit(y|ies)|learning\s*disabled|pmld)\b")
_AUTISM = re.compile(r"\b(autis\w*|asc|asd|asperger\w*)\b")
_BOTH = re.compile(r"^(both|ld\s*(and|&|\+|/)\s*a(sc|sd|utism)?)$")
_INPATIENT = re.compile(r"inpatient|in-patient|hospital|ward|secure|assessment and treatment|\bat[u]?\b")
_URGENT = re.compile(r"urgent|emergency|a\s*&\s*e|\bed\b|awaiting (a )?bed")


class NotADate(ValueError):
    pass


@dataclass
class RowResult:
    """One spreadsheet row: its number as the spreadsheet shows it (the header is row 1), what was read,
    and why it cannot be imported (empty when it can)."""

    number: int
    values: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return bool(self.problems)

    @property
    def reason(self) -> str:
        return "; ".join(self.problems)

    @property
    def name(self) -> str:
        return f"{self.values.get('given_name', '')} {self.values.get('family_name', '')}".strip()


def _two_digit_year(yy: int, today: dt.date) -> int:
    """d/m/yy: the most recent year ending in these digits that is not after this year."""
    year = 2000 + yy
    return year if year <= today.year else year - 100


def parse_date(text: str, *, today: dt.date) -> dt.date:
    """A date as sheets hold it: ISO (what Excel date cells become), dd/mm/yyyy, d/m/yy, "4 Jan 2027", or an
    Excel serial number. Raises NotADate."""
    text = text.strip()
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_MONTH_YEAR.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year = _two_digit_year(year, today)
    elif re.fullmatch(r"\d{1,5}(\.0+)?", text):
        serial = int(float(text))
        if not 1 <= serial <= 2_958_465:
            raise NotADate(text)
        if serial < 61:
            serial += 1  # before Excel's 29 February 1900, which never was
        return EXCEL_EPOCH + dt.timedelta(days=serial)
    else:
        for pattern in _TEXT_MONTH:
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise NotADate(text)
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise NotADate(text) from error


def parse_rating(text: str) -> str | None:
    return RATINGS.get(re.sub(r"[^a-z]", "", text.lower()))


def parse_diagnosis(text: str) -> str | None:
    words = text.lower().strip()
    if _BOTH.match(words) or (_LEARNING_DISABILITY.search(words) and _AUTISM.search(words)):
        return "both"
    if _LEARNING_DISABILITY.search(words):
        return "learning_disability"
    if _AUTISM.search(words):
        return "autistic"
    return None


def parse_setting(text: str) -> str:
    """Where the person is: the register's location. Anything not plainly a hospital or urgent care (a family
    home, supported living, a residential school) is the community."""
    words = text.lower()
    if _URGENT.search(words):
        return "urgent_care"
    if _INPATIENT.search(words):
        return "inpatient"
    return "community"


def _label(name: str) -> str:
    return BY_FIELD[name].label[0].lower() + BY_FIELD[name].label[1:]


def read_row(
    number: int,
    cells: dict[str, str | None],
    *,
    today: dt.date,
    teams: dict[str, int] | None = None,
) -> RowResult:
    """One row as a person: `cells` maps each imported field to the row's text in its column. Every problem
    is named in plain words, so the row's line reads "row 9: the NHS number's check digit is wrong"."""
    result = RowResult(number)
    values, problems = result.values, result.problems
    text = {name: (value or "").strip() for name, value in cells.items()}

    raw_nhs = text.get("nhs_number", "")
    if not raw_nhs:
        problems.append("the NHS number is blank")
    else:
        digits = re.sub(r"[\s\-]", "", raw_nhs)
        if not digits.isdigit():
            problems.append(f"the NHS number '{raw_nhs}' must contain only digits, spaces and dashes")
        elif len(digits) != 10:
            problems.append(f"the NHS number '{raw_nhs}' has {len(digits)} digits, not 10")
        elif not nhs_numbers.is_valid(digits):
            problems.append("the NHS number's check digit is wrong")
        else:
            values["nhs_number"] = digits

    for name in ("given_name", "family_name"):
        if not text.get(name):
            problems.append(f"the {_label(name)} is blank")
        elif len(text[name]) > 100:
            problems.append(f"the {_label(name)} is longer than 100 characters")
        else:
            values[name] = text[name]

    def read_date(name: str, *, required: bool = False) -> dt.date | None:
        raw = text.get(name, "")
        if not raw:
            if required:
                problems.append(f"the {_label(name)} is blank")
            return None
        try:
            return parse_date(raw, today=today)
        except NotADate:
            problems.append(f"the {_label(name)} '{raw}' is not a real date (use dd/mm/yyyy)")
            return None

    born = read_date("date_of_birth", required=True)
    if born is not None:
        if born >= today:
            problems.append(f"the date of birth {dates.long_date(born)} is not in the past")
        elif born < dates.EARLIEST:
            problems.append(f"the date of birth {dates.long_date(born)} is before 1900")
        else:
            values["date_of_birth"] = born

    for name in ("rating_date", "date_added", "consent_date", "last_cetr_date"):
        on = read_date(name)
        if on is None:
            continue
        if on > today:
            problems.append(f"the {_label(name)} {dates.long_date(on)} is in the future")
        elif on < dates.EARLIEST or (born is not None and on < born):
            problems.append(f"the {_label(name)} {dates.long_date(on)} is before they were born")
        else:
            values[name] = on

    if raw := text.get("rating", ""):
        rating = parse_rating(raw)
        if rating is None:
            problems.append(f"the rating '{raw}' is not red, amber, green or blue")
        else:
            values["rating"] = rating

    raw = text.get("diagnosis", "")
    if not raw:
        problems.append("the diagnosis is blank (learning disability, autism, or both)")
    else:
        diagnosis = parse_diagnosis(raw)
        if diagnosis is None:
            problems.append(f"the diagnosis '{raw}' is not a learning disability, autism, or both")
        else:
            values["diagnosis"] = diagnosis

    if raw := text.get("postcode", ""):
        postcode = re.sub(r"\s+", " ", raw.upper())
        if not POSTCODE.match(postcode):
            problems.append(f"the postcode '{raw}' is not a UK postcode")
        else:
            values["postcode"] = postcode

    if raw := text.get("setting", ""):
        values["location"] = parse_setting(raw)
        values["setting"] = raw[:MAX_TEXT]
    if values.get("rating") == "blue":
        values["location"] = "inpatient"  # s4: blue while an inpatient in a mental health hospital

    for name in ("lead_professional", "keyworker"):
        if raw := text.get(name, ""):
            if len(raw) > MAX_TEXT:
                problems.append(f"the {_label(name)} is longer than {MAX_TEXT} characters")
            else:
                values[name] = raw

    if raw := text.get("team", ""):
        team = (teams or {}).get(raw.casefold())
        if team is None:
            problems.append(f"there is no team called '{raw}' in your ICB")
        else:
            values["team"] = team
    return result


def duplicate_problems(results: list[RowResult]) -> None:
    """A second row with an NHS number already in the file is rejected, naming the first."""
    first: dict[str, int] = {}
    for result in results:
        number = result.values.get("nhs_number")
        if not number:
            continue
        if number in first:
            result.problems.append(f"the NHS number is the same as row {first[number]}'s")
        else:
            first[number] = result.number
