"""An import of an existing register from a spreadsheet, the people it added, and the columns an ICB mapped.

An import keeps the rows it read (so the preview, the background run and the report read the same thing), and
its people: undoing it takes those people off the register again (docs/adr/0009).
"""

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation, User
from opendsr.register.models import Person


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", "Checked, not imported yet"
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed: nothing was imported"
    UNDONE = "undone", "Undone"


class RegisterImport(models.Model):
    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="register_imports")
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW)
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list)  # [[row number, [cell text or null, ...]], ...]
    mapping = models.JSONField(default=dict)  # {column position (as text): field}
    excluded_rows = models.JSONField(default=list)  # rejected rows the user chose to leave out
    decisions = models.JSONField(default=dict)  # {row number (as text): "add" | "skip"} for possible matches
    total = models.PositiveIntegerField(default=0)  # people to add when it started
    done = models.PositiveIntegerField(default=0)  # people added so far (the progress bar)
    report = models.JSONField(default=list)  # [{row, outcome, name, nhs_number, reason, person}]
    summary = models.JSONField(default=dict)
    error = models.CharField(max_length=300, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display().lower()})"

    @property
    def source(self) -> str:
        """What the import's timeline events and obligations are named by ("import:12")."""
        return f"import:{self.pk}"

    @property
    def in_progress(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class ImportedPerson(models.Model):
    """A person an import added, and the row they came from."""

    register_import = models.ForeignKey(RegisterImport, on_delete=models.PROTECT, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    row = models.PositiveIntegerField()
    rating_decision_id = models.IntegerField(null=True, blank=True)
    consent_id = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["row"]

    def __str__(self) -> str:
        return f"Row {self.row} of import {self.register_import_id}"


class SavedColumn(models.Model):
    """What an ICB's header means, as a user mapped it: a field, or "" to ignore the column."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    header = models.CharField(max_length=200)  # columns.header_key of the header
    field = models.CharField(max_length=40, blank=True)
    saved_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["icb", "header"], name="saved_column_unique_per_icb")]

    def __str__(self) -> str:
        return f"{self.header}: {self.field or 'ignored'}"
