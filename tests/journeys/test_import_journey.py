"""Given the DSR lead and their old register in a spreadsheet, when they upload it, map the column OpenDSR
does not know, see the preview reject a row, fix the file and upload it again, and import it in the
background, then the progress page follows the import (reloading itself until they stop it and check by
hand) and the people are on the register."""

import pytest

from opendsr.accounts.models import Role
from tests.imports import sheets

from .steps.common import given_i_am_logged_in_as, then_i_see, when_i_follow, when_i_press
from .steps.imports import (
    given_the_background_worker_has_run,
    then_the_preview_says,
    when_i_say_the_column_holds,
    when_i_upload,
)

HEADERS = [
    "NHS No.",
    "Forename",
    "SURNAME",
    "D.O.B.",
    "Current RAG",
    "Date added to DSR",
    "Client ID",
    "Diagnosis",
]


@pytest.fixture
def in_the_background(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.OPENDSR_IMPORT_IN_REQUEST = 3


def test_the_lead_imports_their_register_from_a_spreadsheet(journey, make_user, in_the_background, tmp_path):
    j = journey
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    numbers = sheets.numbers(810_000)
    rows = [
        [
            next(numbers),
            f"Given{i}",
            f"Family{i}",
            f"0{1 + i}/03/1990",
            ["red", "Amber", "GREEN"][i % 3],
            "01/04/2025",
            f"C{i}",
            "LD",
        ]
        for i in range(6)
    ]
    good = rows[3][0]
    rows[3][0] = sheets.wrong_check_digit(good)  # row 5
    broken = tmp_path / "register.csv"
    broken.write_bytes(sheets.as_csv(rows, HEADERS))

    given_i_am_logged_in_as(j, lead)
    when_i_upload(j, broken)
    then_i_see(j, "What do the columns hold?")
    when_i_say_the_column_holds(j, "Client ID", "Ignore this column")
    then_the_preview_says(j, "row 5: the NHS number's check digit is wrong")
    when_i_press(j, "Import 5 people")
    then_i_see(j, "choose to leave out the rejected rows")

    rows[3][0] = good
    fixed = tmp_path / "register-fixed.csv"
    fixed.write_bytes(sheets.as_csv(rows, HEADERS))
    when_i_upload(j, fixed)  # the ICB's choice for "Client ID" is remembered: straight to the preview
    then_the_preview_says(j, "People to add")
    when_i_press(j, "Import 6 people")
    then_i_see(j, "Importing 6 people", "0 of 6 added", "This page updates itself every 3 seconds")
    j.check("import-progress")
    # The server answers the page's own reloads on the connection the worker uses here, so stop them first.
    when_i_follow(j, "Stop it updating itself")

    given_the_background_worker_has_run(j)
    j.click("Check progress", role="button")
    then_i_see(j, "6 people added to the register")
    j.check("import-complete")

    j.go("/people/")
    then_i_see(j, "Family0, Given0", "Family5, Given5")
    when_i_follow(j, "Family3, Given3")
    then_i_see(j, "Red")
