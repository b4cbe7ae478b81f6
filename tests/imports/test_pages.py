"""The import pages: upload, map a column, preview with a rejected row, import, report, undo; and who may."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opendsr.accounts.models import AuditEvent, Role
from opendsr.imports.models import ImportStatus, RegisterImport, SavedColumn
from opendsr.register.models import Person, RegisterStatus
from tests.imports import sheets


def upload(client, content: bytes, name: str):
    return client.post("/imports/new/", {"spreadsheet": SimpleUploadedFile(name, content)})


@pytest.fixture
def as_lead(login, lead):
    return login(lead)


def test_upload_map_preview_exclude_import_report_and_undo(as_lead, icb):
    rows = sheets.clean_rows(12)
    rows[7][0] = sheets.wrong_check_digit(rows[7][0].replace(" ", "").replace("-", ""))  # row 9
    headers = [*sheets.MESSY_HEADERS[:-1], "Patient ref"]
    response = upload(
        as_lead, sheets.as_xlsx([r[:-1] + [f"P{i}"] for i, r in enumerate(rows)], headers), "dsr.xlsx"
    )
    register_import = RegisterImport.objects.get()
    assert response.url == f"/imports/{register_import.pk}/columns/"

    page = as_lead.get(response.url).content.decode()
    assert "‘Patient ref’" in page and "For example: P0, P1, P2" in page
    choices = {f"column_{i}": "" for i in range(len(headers))}
    choices.update({f"column_{i}": name for i, name in register_import.mapping.items()})
    response = as_lead.post(f"/imports/{register_import.pk}/columns/", choices)
    assert response.status_code == 302
    assert SavedColumn.objects.get(icb=icb).header == "patientref"

    page = as_lead.get(f"/imports/{register_import.pk}/").content.decode()
    assert "row 9: the NHS number&#39;s check digit is wrong" in page
    assert "People to add" in page

    response = as_lead.post(f"/imports/{register_import.pk}/", {})
    page = response.content.decode()
    assert "<title>Error: Check before importing" in page, page[:3000]
    assert "choose to leave out the rejected rows" in page
    assert not Person.objects.exists()

    response = as_lead.post(f"/imports/{register_import.pk}/", {"exclude": "on"})
    assert response.status_code == 302
    page = as_lead.get(response.url).content.decode()
    assert "11 people added to the register" in page
    assert Person.objects.filter(status=RegisterStatus.ACTIVE).count() == 11

    report = as_lead.get(f"/imports/{register_import.pk}/report.csv").content.decode("utf-8-sig")
    assert "9,Rejected and left out,Given7 Family7,,the NHS number's check digit is wrong" in report
    assert AuditEvent.objects.filter(action="register.import_report").exists()

    assert "will leave the register" in as_lead.get(f"/imports/{register_import.pk}/undo/").content.decode()
    response = as_lead.post(f"/imports/{register_import.pk}/undo/")
    assert response.status_code == 302
    register_import.refresh_from_db()
    assert register_import.status == ImportStatus.UNDONE
    assert not Person.objects.filter(status=RegisterStatus.ACTIVE).exists()


def test_a_clean_120_row_spreadsheet_is_imported_in_the_background_and_again_adds_nobody(
    as_lead, django_capture_on_commit_callbacks
):
    content = sheets.as_xlsx(sheets.clean_rows(120))

    def upload_and_check():
        response = upload(as_lead, content, "dsr.xlsx")
        register_import = RegisterImport.objects.latest("pk")
        if response.url.endswith("/columns/"):  # "Favourite colour" is asked about once, then remembered
            as_lead.post(
                response.url,
                {
                    f"column_{i}": register_import.mapping.get(str(i), "")
                    for i in range(len(sheets.MESSY_HEADERS))
                },
            )
        return register_import

    register_import = upload_and_check()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_lead.post(f"/imports/{register_import.pk}/", {})
    assert response.status_code == 302
    assert "120 people added to the register" in as_lead.get(response.url).content.decode()
    assert Person.objects.filter(status=RegisterStatus.ACTIVE).count() == 120

    again = upload_and_check()
    page = as_lead.get(f"/imports/{again.pk}/").content.decode()
    assert "There is nobody to add from this spreadsheet." in page
    assert Person.objects.count() == 120


def test_a_column_mapped_once_is_recognised_in_the_icbs_next_upload(as_lead, icb):
    headers = ["Patient NHS ref", "Forename", "Surname", "DOB", "Diagnosis"]
    rows = [[next(sheets.numbers()), "Ada", "Lovelace", "10/12/1995", "LD"]]
    first = upload(as_lead, sheets.as_csv(rows, headers), "dsr.csv")
    register_import = RegisterImport.objects.get()
    assert first.url == f"/imports/{register_import.pk}/columns/"
    page = as_lead.post(
        f"/imports/{register_import.pk}/columns/", {"column_1": "given_name"}
    ).content.decode()
    assert "Choose the column that holds the NHS number" in page
    as_lead.post(
        f"/imports/{register_import.pk}/columns/",
        {
            "column_0": "nhs_number",
            "column_1": "given_name",
            "column_2": "family_name",
            "column_3": "date_of_birth",
            "column_4": "diagnosis",
        },
    )

    again = upload(as_lead, sheets.as_csv(rows, headers), "dsr-again.csv")
    assert again.url == f"/imports/{RegisterImport.objects.latest('pk').pk}/"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.4", "dsr.pdf", "The selected file must be a CSV or Excel (.xlsx) file"),
        (b"", "dsr.csv", "The selected file is empty"),
        (b"NHS No,Surname\n", "dsr.csv", "The selected file has a header row but no people in it"),
        (
            b"Surname,DOB\nLovelace,1/1/90\n",
            "dsr.csv",
            "The selected file must have a column for the NHS number",
        ),
    ],
)
def test_a_bad_upload_is_named_in_the_error_summary(as_lead, content, name, message):
    response = upload(as_lead, content, name)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Upload your register" in page
    assert "nhsuk-error-summary" in page and message in page
    assert not RegisterImport.objects.exists()


def test_a_file_over_the_limit_is_refused(as_lead, settings):
    settings.OPENDSR_MAX_UPLOAD_BYTES = 100
    page = upload(as_lead, sheets.as_csv(sheets.clean_rows(20)), "dsr.csv").content.decode()
    assert "The selected file must be smaller than" in page


def test_a_large_file_runs_in_the_background_with_a_refreshing_progress_page(
    as_lead, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    from opendsr.imports import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.OPENDSR_IMPORT_IN_REQUEST = 5
    upload(as_lead, sheets.as_csv(sheets.clean_rows(8)), "dsr.csv")
    register_import = RegisterImport.objects.get()
    as_lead.post(
        f"/imports/{register_import.pk}/columns/",
        {f"column_{i}": register_import.mapping.get(str(i), "") for i in range(13)},
    )
    with django_capture_on_commit_callbacks(execute=True):
        as_lead.post(f"/imports/{register_import.pk}/", {})
    response = as_lead.get(f"/imports/{register_import.pk}/")
    page = response.content.decode()
    assert response["Refresh"] == "3"
    assert "This page updates itself every 3 seconds" in page
    assert "0 of 8 added" in page
    stopped = as_lead.get(f"/imports/{register_import.pk}/?updates=off")
    assert "Refresh" not in stopped and "Check progress" in stopped.content.decode()
    assert not Person.objects.exists()

    [queued] = default_task_backend.results
    assert queued.args == [register_import.pk]
    tasks.run_import.call(*queued.args)  # what the worker does

    response = as_lead.get(f"/imports/{register_import.pk}/")
    assert "Refresh" not in response
    assert "8 people added to the register" in response.content.decode()


@pytest.mark.parametrize("role", [Role.CASE_MANAGER, Role.PROFESSIONAL, Role.ANALYST])
def test_only_the_dsr_lead_may_import(login, make_user, role):
    client = login(make_user(role))
    assert client.get("/imports/").status_code == 403
    assert client.get("/imports/new/").status_code == 403


def test_another_icbs_import_is_not_found(login, make_user, lead, other_icb):
    from opendsr.imports import reading, services

    sheet = reading.read(sheets.as_csv(sheets.clean_rows(2)), "dsr.csv")
    register_import = services.upload(icb=lead.icb, by=lead, sheet=sheet, file_name="dsr.csv")
    stranger = login(make_user(Role.DSR_LEAD, icb=other_icb))
    assert stranger.get(f"/imports/{register_import.pk}/").status_code == 404
