"""The import pages, under /imports/: upload a spreadsheet, map its columns, check the preview, import (with a
progress page for a large file), download the report, and undo. For the DSR lead."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opendsr.accounts import audit
from opendsr.accounts.access import Action, requires
from opendsr.imports import columns, forms, queries, services, tasks
from opendsr.imports.models import ImportStatus
from opendsr.web import exports
from opendsr.web.forms import show_refusal

REFRESH_SECONDS = 3  # the progress page reloads itself this often, without JavaScript
PREVIEW_LIMIT = 200  # people shown in each table of the preview; the report lists every row


@requires(Action.IMPORT_REGISTER)
def import_list(request):
    imports = list(queries.imports_for(request.user))
    return render(request, "imports/list.jinja", {"imports": imports})


@requires(Action.IMPORT_REGISTER)
@require_http_methods(["GET", "POST"])
def upload(request):
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, sheet = form.cleaned_data["spreadsheet"]
        saved = queries.saved_columns(request.user.icb)
        if forms.no_nhs_number_column(sheet, saved):
            form.add_error(
                "spreadsheet", "The selected file must have a column for the NHS number, headed NHS No"
            )
        else:
            register_import = services.upload(
                icb=request.user.icb, by=request.user, sheet=sheet, file_name=name, request=request
            )
            _found, unknown = columns.recognise(sheet.headers, saved)
            if unknown:
                return redirect("imports:columns", register_import.pk)
            return redirect("imports:detail", register_import.pk)
    return render(request, "imports/upload.jinja", {"form": form})


@requires(Action.IMPORT_REGISTER)
@require_http_methods(["GET", "POST"])
def map_columns(request, import_pk):
    register_import = queries.import_for(request.user, import_pk)
    if register_import.status != ImportStatus.PREVIEW:
        return redirect("imports:detail", register_import.pk)
    form = forms.ColumnsForm(
        request.POST or None, headers=register_import.headers, mapping=queries.mapping_of(register_import)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.map_columns(
                register_import=register_import, by=request.user, chosen=form.chosen(), request=request
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Columns saved: your ICB's next import will use them too")
            return redirect("imports:detail", register_import.pk)
    samples = {position: _sample(register_import, position) for position, _name in form.positions}
    return render(
        request,
        "imports/columns.jinja",
        {"form": form, "register_import": register_import, "samples": samples},
    )


def _sample(register_import, position: int) -> str:
    """The first few values in a column, to help the user see what it holds."""
    values = []
    for _number, cells in register_import.rows:
        if position < len(cells) and cells[position] and cells[position] not in values:
            values.append(cells[position])
        if len(values) == 3:
            break
    return ", ".join(values)


@requires(Action.IMPORT_REGISTER)
@require_http_methods(["GET", "POST"])
def detail(request, import_pk):
    register_import = queries.import_for(request.user, import_pk)
    if register_import.status != ImportStatus.PREVIEW:
        return _outcome(request, register_import)
    plan = queries.plan(register_import)
    form = forms.StartForm(request.POST if request.method == "POST" else None, possible=plan.possible)
    if request.method == "POST" and form.is_valid():
        excluded = [row.number for row in plan.rejected] if form.cleaned_data["exclude"] else []
        try:
            register_import = services.start(
                register_import=register_import,
                by=request.user,
                excluded=excluded,
                decisions=form.decisions(),
                request=request,
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            register_import = tasks.run_or_queue(register_import)
            return redirect("imports:detail", register_import.pk)
    shown = [m.person for m in plan.already[:PREVIEW_LIMIT]] + [m.person for m in plan.possible]
    if (
        request.method == "GET"
    ):  # the preview shows the spreadsheet's people and those already on the register
        audit.listed(
            request,
            f"the preview of importing {register_import.file_name}",
            people=shown,
            filters={"import": register_import.pk},
        )
    return render(
        request,
        "imports/preview.jinja",
        {
            "register_import": register_import,
            "plan": plan,
            "form": form,
            "limit": PREVIEW_LIMIT,
            "mapped": [
                (register_import.headers[position], columns.BY_FIELD[name].label)
                for position, name in sorted(queries.mapping_of(register_import).items())
            ],
            "ignored": [
                header
                for position, header in enumerate(register_import.headers)
                if header and position not in queries.mapping_of(register_import)
            ],
        },
    )


def _outcome(request, register_import):
    """While the import runs, its progress: the page reloads itself (an HTTP Refresh header, no JavaScript)
    unless the user stops it, for a "Check progress" button (WCAG 2.2.1: a timed update the user can turn
    off); then what was done."""
    refresh = register_import.in_progress and request.GET.get("updates") != "off"
    response = render(
        request,
        "imports/outcome.jinja",
        {
            "register_import": register_import,
            "refresh": REFRESH_SECONDS if refresh else None,
            "added": register_import.people.count() if register_import.status == ImportStatus.DONE else 0,
        },
    )
    if refresh:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


REPORT_COLUMNS = ["Row", "Outcome", "Name", "NHS number", "Reason"]


@requires(Action.IMPORT_REGISTER)
def report(request, import_pk, fmt):
    register_import = queries.import_for(request.user, import_pk)
    if (
        register_import.status not in (ImportStatus.DONE, ImportStatus.UNDONE)
        or fmt not in exports.CONTENT_TYPES
    ):
        raise Http404("No report")
    lines = register_import.report
    return exports.download(
        request,
        fmt=fmt,
        name=f"opendsr-import-{register_import.pk}-{timezone.localtime(register_import.imported_at):%Y-%m-%d}",
        sheet_title="Import",
        columns=REPORT_COLUMNS,
        rows=[
            [line["row"], line["outcome"], line["name"], line["nhs_number"], line["reason"]] for line in lines
        ],
        action="register.import_report",
        summary=f"Downloaded the report of importing {register_import.file_name}",
        people=[line["person"] for line in lines if line.get("person")],
        detail={"import": register_import.pk},
    )


@requires(Action.IMPORT_REGISTER)
@require_http_methods(["GET", "POST"])
def undo(request, import_pk):
    register_import = queries.import_for(request.user, import_pk)
    if register_import.status != ImportStatus.DONE:
        return redirect("imports:detail", register_import.pk)
    form = forms.Form(request.POST if request.method == "POST" else None)
    changed = queries.changes_since(register_import)
    if request.method == "POST" and form.is_valid():
        try:
            services.undo(register_import=register_import, by=request.user, request=request)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, f"Import undone: the people from {register_import.file_name} are off the register"
            )
            return redirect("imports:detail", register_import.pk)
    return render(
        request,
        "imports/undo.jinja",
        {
            "register_import": register_import,
            "form": form,
            "changed": changed,
            "count": register_import.people.count(),
        },
    )
