"""Reading spreadsheet rows without the database: headers, dates, NHS numbers, ratings and plain-words reasons."""

import datetime as dt

import pytest

from opendsr.imports import columns, reading, rules
from tests.imports import sheets

TODAY = dt.date(2027, 3, 1)
GOOD = next(sheets.numbers())


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("NHS No", "nhs_number"),
        ("NHS Number", "nhs_number"),
        ("nhs no.", "nhs_number"),
        ("  NHS   NUMBER ", "nhs_number"),
        ("Forename", "given_name"),
        ("First name", "given_name"),
        ("Given name", "given_name"),
        ("Surname", "family_name"),
        ("Last name", "family_name"),
        ("Family name", "family_name"),
        ("DOB", "date_of_birth"),
        ("D.O.B.", "date_of_birth"),
        ("Date of birth", "date_of_birth"),
        ("RAG", "rating"),
        ("RAG rating", "rating"),
        ("Rating", "rating"),
        ("Current RAG", "rating"),
        ("Date added to DSR", "date_added"),
        ("Date added", "date_added"),
        ("Postcode", "postcode"),
        ("Lead professional", "lead_professional"),
        ("Consent date", "consent_date"),
        ("Date of last C(E)TR", "last_cetr_date"),
        ("Setting", "setting"),
        ("Diagnosis", "diagnosis"),
        ("Team", "team"),
    ],
)
def test_common_headers_are_recognised_whatever_their_case_spacing_and_punctuation(header, field):
    found, unknown = columns.recognise(["Something else", header])
    assert found == {1: field}
    assert unknown == [0]


def test_a_header_the_icb_mapped_before_is_recognised_and_an_ignored_one_is_left_out():
    found, unknown = columns.recognise(
        ["Patient ID", "Notes", "Mystery"], {"patientid": "nhs_number", "notes": columns.IGNORE}
    )
    assert found == {0: "nhs_number"}
    assert unknown == [2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04/01/2027", dt.date(2027, 1, 4)),
        ("4/1/27", dt.date(2027, 1, 4)),
        ("4/1/95", dt.date(1995, 1, 4)),
        ("2027-01-04", dt.date(2027, 1, 4)),
        ("4 January 2027", dt.date(2027, 1, 4)),
        ("46391", dt.date(2027, 1, 4)),  # an Excel serial number
    ],
)
def test_dates_are_read_as_real_sheets_hold_them(text, expected):
    assert rules.parse_date(text, today=TODAY) == expected


def row(**cells):
    base = {
        "nhs_number": GOOD,
        "given_name": "Ada",
        "family_name": "Lovelace",
        "date_of_birth": "10/12/1995",
        "diagnosis": "LD",
    }
    return rules.read_row(9, {**base, **cells}, today=TODAY)


def test_a_wrong_check_digit_is_named_in_plain_words():
    result = row(nhs_number=sheets.wrong_check_digit(GOOD))
    assert f"row {result.number}: {result.reason}" == "row 9: the NHS number's check digit is wrong"


def test_nhs_numbers_with_spaces_or_dashes_are_read():
    assert row(nhs_number=sheets.spaced(GOOD)).values["nhs_number"] == GOOD
    assert row(nhs_number=sheets.dashed(GOOD)).values["nhs_number"] == GOOD


def test_an_impossible_date_and_an_unknown_rating_are_each_named():
    result = row(date_of_birth="31/02/1995", rating="purple")
    assert result.problems == [
        "the date of birth '31/02/1995' is not a real date (use dd/mm/yyyy)",
        "the rating 'purple' is not red, amber, green or blue",
    ]


@pytest.mark.parametrize(
    ("text", "rating"), [("RED", "red"), ("Amber", "amber"), ("g", "green"), ("Blue", "blue")]
)
def test_ratings_are_read_in_any_case_and_blue_means_an_inpatient(text, rating):
    result = row(rating=text)
    assert result.values["rating"] == rating
    assert (result.values.get("location") == "inpatient") == (rating == "blue")


def test_blank_optional_cells_are_fine_and_blank_names_are_not():
    assert not row(rating="", postcode="", consent_date=None).rejected
    assert row(given_name=" ").problems == ["the first name is blank"]


def test_a_date_in_the_future_is_refused():
    assert row(consent_date="01/01/2030").problems == [
        "the date consent was given 1 January 2030 is in the future"
    ]


def test_a_second_row_with_the_same_nhs_number_names_the_first():
    first = row()
    second = rules.read_row(
        12,
        {
            "nhs_number": GOOD,
            "given_name": "A",
            "family_name": "B",
            "date_of_birth": "1/1/90",
            "diagnosis": "ASC",
        },
        today=TODAY,
    )
    rules.duplicate_problems([first, second])
    assert second.problems == ["the NHS number is the same as row 9's"]


def test_excel_dates_numbers_and_blank_rows_are_read_from_xlsx():
    content = sheets.as_xlsx(
        [
            [int(GOOD), "Ada", "Lovelace", dt.datetime(1995, 12, 10), "Red"],
            [None] * 5,
            [GOOD, "B", "C", 35000, ""],
        ],
        headers=["NHS Number", "First name", "Surname", "DOB", "RAG"],
    )
    sheet = reading.read(content, "register.xlsx")
    assert sheet.rows[0] == (2, [GOOD, "Ada", "Lovelace", "1995-12-10", "Red"])
    assert sheet.rows[1][0] == 4  # the blank row 3 is skipped, numbers stay the spreadsheet's
    assert rules.parse_date(sheet.rows[1][1][3], today=TODAY) == dt.date(1995, 10, 28)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"NHS No\n123", "register.pdf", "The selected file must be a CSV or Excel (.xlsx) file"),
        (b"", "register.csv", "The selected file is empty"),
        (b"NHS No,Surname\n", "register.csv", "The selected file has a header row but no people in it"),
        (b"not a zip", "register.xlsx", "The selected file could not be read as an Excel (.xlsx) file"),
    ],
)
def test_files_that_are_not_spreadsheets_say_why(content, name, message):
    with pytest.raises(
        reading.SpreadsheetError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")
    ):
        reading.read(content, name)
