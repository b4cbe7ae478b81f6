"""The records pages' forms: choosing what a merged record keeps, undoing a merge, proposing and answering a
move between ICBs, and making and uploading a transfer package for a move to or from another OpenDSR."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings

from opendsr.records import packages
from opendsr.records.services.merging import default_from, differing
from opendsr.register.models import Person, RegisterStatus
from opendsr.web.formatting import nhs_date, nhs_number, yes_no
from opendsr.web.forms import DateField, Form, area_field, radio_field, text_field

FIRST, SECOND = "first", "second"
ACCEPT, DECLINE = "accept", "decline"


def shown(person: Person, field) -> str:
    """A value of a person's record as the merge page shows it."""
    value = field.value_from_object(person)
    if field.name == "nhs_number":
        return nhs_number(value, empty="Not given")
    if field.is_relation:
        target = getattr(person, field.name)
        return str(target) if target is not None else "Not given"
    if field.get_internal_type() == "BooleanField":
        return yes_no(value, empty="Not given")
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.date):
        return nhs_date(value)
    return str(value) if value not in (None, "") else "Not given"


def field_label(field) -> str:
    """A field's name starting with a capital, keeping its other capitals: "NHS number", "GP practice"."""
    words = str(field.verbose_name)
    return words[:1].upper() + words[1:]


def _in_sentence(field) -> str:
    """A field's name inside a sentence: "the postcode", but "the NHS number"."""
    words = str(field.verbose_name)
    return words if words[:2].isupper() else words[:1].lower() + words[1:]


def record_label(person: Person) -> str:
    return f"Record {person.pk}: {person.full_name}, added {nhs_date(person.created_at)}, {person.get_status_display().lower()}"


class MergeForm(Form):
    """Which record stays, which value of each detail the two records disagree on is kept, and why."""

    def __init__(self, *args, first: Person, second: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.first, self.second = first, second
        keep_second = first.status == RegisterStatus.LEFT and second.status != RegisterStatus.LEFT
        self.fields["keep"] = radio_field(
            "Which record stays?",
            [(FIRST, record_label(first)), (SECOND, record_label(second))],
            "Select which record stays",
        )
        self.fields["keep"].initial = SECOND if keep_second else FIRST
        self.fields["keep"].help_text = "The other record leaves the register, pointing to this one"
        kept, other = (second, first) if keep_second else (first, second)
        self.differing = differing(first, second)
        for field in self.differing:
            name = f"value_{field.name}"
            self.fields[name] = radio_field(
                field_label(field),
                [(FIRST, shown(first, field)), (SECOND, shown(second, field))],
                f"Select which {_in_sentence(field)} to keep",
            )
            self.fields[name].initial = FIRST if default_from(field, kept, other) is first else SECOND
        self.fields["reason"] = area_field(
            "Why are these the same person? (optional)",
            help_text="For example, the same person was referred twice by different services",
        )
        self.fields["confirmed"] = forms.CharField(required=False, widget=forms.HiddenInput)

    @property
    def value_names(self) -> list[str]:
        return [f"value_{field.name}" for field in self.differing]

    def survivor_and_merged(self) -> tuple[Person, Person]:
        keep_first = self.cleaned_data["keep"] == FIRST
        return (self.first, self.second) if keep_first else (self.second, self.first)

    def take_from_merged(self) -> list[str]:
        """The fields whose value comes from the record that does not stay."""
        merged_side = SECOND if self.cleaned_data["keep"] == FIRST else FIRST
        return [f.name for f in self.differing if self.cleaned_data[f"value_{f.name}"] == merged_side]

    def result(self) -> list[tuple[str, str]]:
        """The kept record's differing details, as the check page shows them."""
        rows = []
        for field in self.differing:
            side = self.first if self.cleaned_data[f"value_{field.name}"] == FIRST else self.second
            rows.append((field_label(field), shown(side, field)))
        return rows

    @property
    def confirmed(self) -> bool:
        return self.is_bound and self.data.get("confirmed") == "yes"


class UnmergeForm(Form):
    reason = area_field(
        "Why are you undoing this merge?", required=True, error="Say why the merge is being undone"
    )


class TransferForm(Form):
    to_icb = forms.ModelChoiceField(
        label="Which ICB are they moving to?",
        queryset=None,
        empty_label="Select an ICB",
        error_messages={"required": "Select the ICB they are moving to"},
    )
    reason = area_field(
        "Why are they moving?",
        required=True,
        error="Say why they are moving to another ICB",
        help_text="For example, they have moved home to the new area. Someone placed out of area stays with your ICB.",
    )

    def __init__(self, *args, icbs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_icb"].queryset = icbs


class TransferAnswerForm(Form):
    decision = radio_field(
        "Do you accept this person onto your register?",
        [(ACCEPT, "Yes, accept the move"), (DECLINE, "No, decline the move")],
        "Select whether you accept the move",
    )
    reason = area_field(
        "Your reason",
        help_text="Needed when you decline: the sending ICB reads it",
    )


class MakePackageForm(Form):
    to_icb_name = text_field(
        "Which ICB are they moving to?",
        required=True,
        error="Enter the ICB they are moving to",
        help_text="An ICB that keeps its register in another OpenDSR, for example NHS Cornwall and the Isles of Scilly ICB",
    )
    left_on = DateField(label="Date they moved", not_in_future=True)
    reason = area_field(
        "Why are they moving?",
        required=True,
        error="Say why they are moving to another ICB",
        help_text="For example, they have moved home to the new area. Someone placed out of area stays with your ICB.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].error_messages["required"] = "Enter the date they moved"


class ReceivePackageForm(Form):
    package = forms.FileField(
        label="Upload a transfer package",
        help_text="The .json file the sending ICB's DSR lead downloaded from their OpenDSR, up to "
        f"{packages.MAX_PACKAGE_BYTES // 1024} KB",
        error_messages={
            "required": "Select the transfer package to upload",
            "empty": "The selected file is empty",
        },
    )

    def clean_package(self):
        upload = self.cleaned_data["package"]
        limit = min(packages.MAX_PACKAGE_BYTES, settings.OPENDSR_MAX_UPLOAD_BYTES)
        if getattr(upload, "too_large", False) or upload.size > limit:
            raise forms.ValidationError(f"The selected file must be smaller than {limit // 1024} KB")
        upload.seek(0)
        try:
            document = packages.read(upload.read(limit + 1))
        except packages.PackageError as error:
            raise forms.ValidationError(error.reasons) from error
        return upload.name, document


class NotDuplicateForm(Form):
    reason = area_field(
        "How do you know they are different people?",
        required=True,
        error="Say how you know they are different people",
        help_text="For example, twins with different NHS numbers, checked with their GP practice",
    )


class RemoveMarkForm(Form):
    reason = area_field(
        "Why are you removing this mark?",
        required=True,
        error="Say why the mark is being removed",
        help_text="The two records will be offered as a possible duplicate again",
    )
