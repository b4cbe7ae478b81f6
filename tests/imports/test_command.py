"""`opendsr import-register FILE --icb ODS_CODE [--dry-run]`: its output and exit codes."""

import pytest
from django.db import connections

from opendsr import cli
from opendsr.accounts.models import Role
from opendsr.imports.models import RegisterImport
from opendsr.register.models import Person, RegisterStatus
from tests.imports import sheets


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    """A management command closes every database connection when it ends, as a process should. Inside a test
    that would close the connection holding the test's transaction (PostgreSQL then refuses every later query)."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.fixture
def board(icb, make_user):
    icb.ods_code = "QWO"
    icb.save()
    make_user(Role.DSR_LEAD, email="lead@example.nhs.uk")
    return icb


def run(*args) -> int:
    try:
        return cli.main(["import-register", *map(str, args)])
    except SystemExit as stop:
        return stop.code


def write(tmp_path, content: bytes, name: str):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_a_clean_messy_spreadsheet_of_120_people_is_imported_and_again_adds_nobody(board, tmp_path, capsys):
    path = write(tmp_path, sheets.as_csv(sheets.clean_rows(120)), "dsr.csv")

    assert run(path, "--icb", "qwo") == 0
    out = capsys.readouterr().out
    assert "to add: 120" in out
    assert "columns ignored: Favourite colour" in out
    assert "Imported 120 people" in out
    assert Person.objects.filter(icb=board, status=RegisterStatus.ACTIVE).count() == 120

    assert run(path, "--icb", "QWO") == 0
    out = capsys.readouterr().out
    assert "to add: 0" in out
    assert "already on the register (same NHS number): 120" in out
    assert Person.objects.filter(icb=board).count() == 120


def test_rejected_rows_are_named_and_nothing_is_written(board, tmp_path, capsys):
    rows = sheets.clean_rows(10)
    rows[7][0] = sheets.wrong_check_digit(rows[7][0].replace(" ", "").replace("-", ""))  # row 9
    rows[2][3] = "31/02/1990"  # row 4
    rows[4][4] = "Purple"  # row 6
    path = write(tmp_path, sheets.as_xlsx(rows), "dsr.xlsx")

    assert run(path, "--icb", "QWO") == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-3:] == [
        "row 4: the date of birth '31/02/1990' is not a real date (use dd/mm/yyyy)",
        "row 6: the rating 'Purple' is not red, amber, green or blue",
        "row 9: the NHS number's check digit is wrong",
    ]
    assert "nothing was written" in captured.err
    assert not Person.objects.exists()
    assert not RegisterImport.objects.exists()


def test_a_dry_run_writes_nothing(board, tmp_path, capsys):
    path = write(tmp_path, sheets.as_csv(sheets.clean_rows(5)), "dsr.csv")
    assert run(path, "--icb", "QWO", "--dry-run") == 0
    assert "Dry run: nothing was written. 5 people would be added." in capsys.readouterr().out
    assert not Person.objects.exists()


def test_a_missing_file_or_an_unknown_icb_is_one_clear_line(board, tmp_path, capsys):
    assert run(tmp_path / "nowhere.csv", "--icb", "QWO") == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"CommandError: Cannot read {tmp_path / 'nowhere.csv'}: No such file or directory"
    ]
    path = write(tmp_path, sheets.as_csv(sheets.clean_rows(2)), "dsr.csv")
    assert run(path, "--icb", "XXX") == 1
    assert capsys.readouterr().err.strip() == "CommandError: No ICB has the ODS code XXX"
    path = write(tmp_path, b"\x00\x01garbage", "dsr.xlsx")
    assert run(path, "--icb", "QWO") == 1
    assert "could not be read as an Excel (.xlsx) file" in capsys.readouterr().err


def test_a_sheet_without_an_nhs_number_column_is_refused(board, tmp_path, capsys):
    path = write(tmp_path, b"Name,DOB\nAda,1/1/90\n", "dsr.csv")
    assert run(path, "--icb", "QWO") == 1
    assert "no column is headed as the NHS number" in capsys.readouterr().err


def test_a_possible_match_by_name_and_date_of_birth_is_left_for_a_person_to_decide(
    board, make_person, tmp_path, capsys
):
    import datetime as dt

    make_person(given_name="Ada", family_name="Lovelace", date_of_birth=dt.date(1995, 12, 10), nhs_number="")
    number = next(sheets.numbers())
    path = write(
        tmp_path,
        f"NHS No,Forename,Surname,DOB,Diagnosis\n{number},Ada,Lovelace,10/12/1995,LD\n".encode(),
        "dsr.csv",
    )
    assert run(path, "--icb", "QWO") == 2
    assert capsys.readouterr().out.splitlines()[-1] == (
        "row 2: possibly already on the register as Ada Lovelace, born 10/12/1995 (same name and date of birth,"
        " another NHS number): decide on the import page"
    )
    assert Person.objects.count() == 1
