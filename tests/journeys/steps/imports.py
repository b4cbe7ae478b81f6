"""Steps for importing a register from a spreadsheet."""

from pathlib import Path

from opendsr.imports import tasks
from opendsr.imports.models import ImportStatus, RegisterImport

from .common import main_text


def given_the_background_worker_has_run(j):
    """What `opendsr db_worker` does: run each import a page queued. (The queue itself belongs to the server's
    thread, so the queued imports are found by their status.)"""
    for register_import in RegisterImport.objects.filter(status=ImportStatus.QUEUED):
        tasks.run_import.call(register_import.pk)


def when_i_upload(j, spreadsheet: Path):
    j.go("/imports/new/")
    j.page.get_by_label("Upload your register").set_input_files(str(spreadsheet))
    j.submit("Upload and check")


def when_i_say_the_column_holds(j, header: str, holds: str):
    j.page.get_by_label(f"‘{header}’").select_option(label=holds)
    j.submit("Save and check the rows")


def then_the_preview_says(j, *texts: str):
    main = main_text(j)
    assert "Check before importing" in main
    for text in texts:
        assert text in main, f"{text!r} is not in the preview:\n{main}"
