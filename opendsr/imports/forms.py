"""The import pages' forms: the upload, the column mapping, and the choices made on the preview."""

from __future__ import annotations

from django import forms
from django.conf import settings

from opendsr.imports import columns, reading
from opendsr.web.forms import Form
from opendsr.web.uploads import megabytes

ADD, SKIP = "add", "skip"


class UploadForm(Form):
    spreadsheet = forms.FileField(
        label="Upload your register",
        help_text="A CSV or Excel (.xlsx) file with a header row, up to "
        f"{megabytes(settings.OPENDSR_MAX_UPLOAD_BYTES)} and {reading.MAX_ROWS:,} people",
        error_messages={
            "required": "Select the spreadsheet to upload",
            "empty": "The selected file is empty",
        },
    )

    def clean_spreadsheet(self):
        upload = self.cleaned_data["spreadsheet"]
        limit = settings.OPENDSR_MAX_UPLOAD_BYTES
        if reading.kind_of(upload.name) is None:
            raise forms.ValidationError("The selected file must be a CSV or Excel (.xlsx) file")
        if getattr(upload, "too_large", False) or upload.size > limit:
            raise forms.ValidationError(f"The selected file must be smaller than {megabytes(limit)}")
        upload.seek(0)
        try:
            sheet = reading.read(upload.read(), upload.name)
        except reading.SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        return upload.name, sheet


def no_nhs_number_column(sheet: reading.Sheet, saved: dict) -> bool:
    """Nothing in the file could hold the NHS number: no column is recognised as it, and none is left to map."""
    found, unknown = columns.recognise(sheet.headers, saved)
    return "nhs_number" not in found.values() and not unknown


class ColumnsForm(Form):
    """One question for each column of the spreadsheet: which of OpenDSR's fields it holds, if any."""

    def __init__(self, *args, headers: list[str], mapping: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(columns.IGNORE, "Ignore this column"), *columns.FIELD_CHOICES]
        self.positions = []
        for position, header in enumerate(headers):
            if not columns.header_key(header):
                continue
            name = f"column_{position}"
            self.fields[name] = forms.ChoiceField(
                label=f"‘{header}’",
                choices=choices,
                required=False,
                initial=mapping.get(position, columns.IGNORE),
            )
            self.positions.append((position, name))

    def chosen(self) -> dict[int, str]:
        return {position: self.cleaned_data.get(name) or columns.IGNORE for position, name in self.positions}


class StartForm(Form):
    """The preview's choices: to leave out the rejected rows, and for each possible match, add or leave out."""

    exclude = forms.BooleanField(label="Leave out the rejected rows and import the rest", required=False)

    def __init__(self, *args, possible=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.decision_names = []
        for match in possible:
            name = f"row_{match.row.number}"
            self.fields[name] = forms.ChoiceField(
                label=f"Row {match.row.number}: is {match.row.name} the same person as {match.person.full_name}?",
                choices=[
                    (SKIP, "Yes, the same person: leave the row out"),
                    (ADD, "No, someone else: add them"),
                ],
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Select whether {match.row.name} on row {match.row.number} is already on the register"
                },
            )
            self.decision_names.append((match.row.number, name))

    def decisions(self) -> dict[str, str]:
        return {
            str(number): self.cleaned_data.get(name)
            for number, name in self.decision_names
            if self.cleaned_data.get(name)
        }
