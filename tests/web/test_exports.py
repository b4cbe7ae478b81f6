"""Every CSV and Excel file: text never runs as a formula, dates are dates, and the audit row names the people."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from opendsr.accounts.models import AuditEvent
from opendsr.reviews.services.directory import record_payment
from opendsr.reviews.services.organising import choose_panel
from opendsr.web import exports
from tests.reviews.factories import PanelMemberFactory
from tests.reviews.test_services import held_review

ATTACKS = ['=HYPERLINK("http://evil.example","Click")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]


def _request(user):
    request = RequestFactory().get("/somewhere/?rating=red")
    request.user = user
    return request


def _download(user, fmt, rows, **kwargs):
    return exports.download(
        _request(user),
        fmt=fmt,
        name="opendsr-test-2027-03-01",
        columns=["Name", "When", "Amount"],
        rows=rows,
        action="test.exported",
        summary="Exported a test file",
        **kwargs,
    )


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def _sheet_rows(response):
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows())


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_formula_in_a_csv_cell_is_shown_as_text(lead, attack):
    rows = _csv_rows(_download(lead, "csv", [[attack, None, 1]]))
    assert rows[1][0] == "'" + attack


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_formula_in_an_excel_cell_is_text_not_a_formula(lead, attack):
    cell = _sheet_rows(_download(lead, "xlsx", [[attack, None, 1]]))[1][0]
    assert cell.data_type == "s"
    assert cell.value == "'" + attack.replace("\r", "\n")  # XML reads a carriage return back as a newline


def test_plain_text_and_numbers_are_left_alone(lead):
    rows = _csv_rows(_download(lead, "csv", [["Jo Bloggs", None, -5]]))
    assert rows[1] == ["Jo Bloggs", "", "-5"]


def test_a_csv_file_starts_with_the_utf8_byte_order_mark_so_excel_reads_accents(lead):
    response = _download(lead, "csv", [["Zoë Brontë", None, None]])
    assert response.content.startswith("\ufeff".encode())
    assert _csv_rows(response)[1][0] == "Zoë Brontë"
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_dates_in_excel_are_real_dates_with_a_date_format(lead, settings):
    moment = dt.datetime(2027, 3, 1, 14, 5, tzinfo=dt.UTC)
    cells = _sheet_rows(
        _download(lead, "xlsx", [["Jo", dt.date(2027, 1, 4), Decimal("12.50")], ["Al", moment, 3]])
    )
    assert cells[1][1].is_date and cells[1][1].value == dt.datetime(2027, 1, 4)
    assert cells[1][1].number_format == "d mmmm yyyy"
    assert cells[2][1].is_date and cells[2][1].value == dt.datetime(2027, 3, 1, 14, 5)  # London time in March
    assert cells[1][2].value == 12.5 and cells[1][2].data_type == "n"


def test_dates_in_csv_are_iso_dates(lead):
    assert _csv_rows(_download(lead, "csv", [["Jo", dt.date(2027, 1, 4), None]]))[1][1] == "2027-01-04"


def test_characters_excel_cannot_hold_do_not_break_the_file(lead):
    cells = _sheet_rows(_download(lead, "xlsx", [["Jo\x01\x1fBloggs", None, None]]))
    assert cells[1][0].value == "Jo  Bloggs"


def test_the_file_is_named_and_not_cached(lead):
    response = _download(lead, "xlsx", [])
    assert response["Content-Disposition"] == 'attachment; filename="opendsr-test-2027-03-01.xlsx"'
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_format_is_not_found(lead):
    from django.http import Http404

    with pytest.raises(Http404):
        _download(lead, "pdf", [])


def test_the_audit_row_names_the_people_in_the_file(lead, make_person):
    jo, al = make_person(), make_person()
    _download(lead, "csv", [["Jo", None, None], ["Al", None, None]], people=[jo.pk, al.pk, jo.pk])
    event = AuditEvent.objects.get(action="test.exported")
    assert event.user == lead
    assert event.detail["people"] == sorted([jo.pk, al.pk])
    assert event.detail["count"] == 2 and event.detail["file"] == "opendsr-test-2027-03-01.csv"
    assert event.summary == "Exported a test file (CSV file)"
    assert event.path == "/somewhere/?rating=red"


# ------------------------------------------------------------------------------- the exports that use it


def test_the_payments_export_writes_a_member_name_and_a_note_as_text(icb, person, case_manager, lead, login):
    review = held_review(person, case_manager)
    chair = PanelMemberFactory(icb=icb, role="chair", name='=HYPERLINK("http://evil.example","Pay me")')
    clinical = PanelMemberFactory(icb=icb, role="clinical_expert")
    expert = PanelMemberFactory(icb=icb, role="expert_by_experience")
    choose_panel(
        review=review,
        by=case_manager,
        members={"chair": chair, "clinical_expert": clinical, "expert_by_experience": expert},
        accept_warnings=True,
        reason="ok",
    )
    seat = review.seats.get(role="expert_by_experience")
    record_payment(seat=seat, by=case_manager, fee=seat.fee, expenses=12, expenses_note="=1+2")
    response = login(lead).get("/reviews/payments/?month=2027-03&download=xlsx")
    cells = _sheet_rows(response)
    texts = {cell.value for row in cells for cell in row if cell.data_type == "s"}
    assert '\'=HYPERLINK("http://evil.example","Pay me")' in texts and "'=1+2" in texts
    assert not [cell for row in cells for cell in row if cell.data_type == "f"]
    held = next(row for row in cells if row[0].value == "'" + chair.name)[2]
    assert held.is_date and held.value == dt.datetime(2027, 3, 1)
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.get(action="payments.exported").detail["people"] == [person.pk]


def test_the_register_export_records_the_ids_of_the_people_exported(login, lead, make_person):
    red = make_person(current_rating="red")
    also_red = make_person(current_rating="red")
    make_person(current_rating="green")
    login(lead).get("/people/export.xlsx", {"rating": "red"})
    event = AuditEvent.objects.get(action="register.exported")
    assert event.detail["people"] == sorted([red.pk, also_red.pk])
    assert event.summary == "Exported 2 people from the register (Excel file)"


def test_the_register_excel_export_has_real_dates(login, lead, make_person):
    make_person(date_of_birth=dt.date(1990, 5, 17))
    cells = _sheet_rows(login(lead).get("/people/export.xlsx"))
    assert cells[0][3].value == "Date of birth"
    assert cells[1][3].is_date and cells[1][3].value == dt.datetime(1990, 5, 17)
