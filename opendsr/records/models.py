"""Keeping one record per person: a merge of two records of the same person (and what it moved, so that it can
be undone), and a person's move from one ICB's register to another's in this instance (001 s3.1)."""

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation, Team, User
from opendsr.register.models import Person


class RecordMerge(models.Model):
    """Two records of one person made one. The merged-away record stays (it leaves the register, pointing here);
    what moved and both records' values before the merge are kept so that the merge can be undone exactly."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    survivor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_away")
    reason = models.TextField("Why these are the same person", blank=True)
    # "app_label.Model.field" -> the ids of the rows moved from the merged-away record to the survivor
    moved = models.JSONField(default=dict, blank=True)
    survivor_before = models.JSONField(default=dict, blank=True)  # every field's value before the merge
    merged_before = models.JSONField(default=dict, blank=True)
    taken_from_merged = models.JSONField(
        default=list, blank=True
    )  # the survivor's fields given the other's value
    merged_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)
    unmerged_at = models.DateTimeField(null=True, blank=True)
    unmerged_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unmerge_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-merged_at", "-id"]

    def __str__(self) -> str:
        return f"Merge of record {self.merged_id} into record {self.survivor_id}"

    @property
    def in_force(self) -> bool:
        return self.unmerged_at is None

    @property
    def moved_count(self) -> int:
        return sum(len(ids) for ids in (self.moved or {}).values())


class TransferStatus(models.TextChoices):
    PROPOSED = "proposed", "Waiting for the receiving ICB"
    ACCEPTED = "accepted", "Accepted: moved"
    DECLINED = "declined", "Declined"


class IcbTransfer(models.Model):
    """A person moving to another ICB's register (001 s3.1: someone placed out of area stays with the placing ICB;
    someone who moves changes ICB). Proposed by the sending ICB's DSR lead, accepted or declined by the receiving
    ICB's. Once accepted it is also the sending ICB's note of where the person went: their name, NHS number and
    date of birth are kept here because the person is no longer theirs to see."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="icb_transfers")
    from_icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    from_team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    to_icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("Why they are moving")
    status = models.CharField(max_length=10, choices=TransferStatus.choices, default=TransferStatus.PROPOSED)
    person_name = models.CharField(max_length=201)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    proposed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["to_icb", "status"]), models.Index(fields=["from_icb", "status"])]

    def __str__(self) -> str:
        return f"Transfer of {self.person_name} to {self.to_icb}"


class PackageDirection(models.TextChoices):
    SENT = "sent", "Sent to another OpenDSR"
    RECEIVED = "received", "Received from another OpenDSR"


class PackageStatus(models.TextChoices):
    MADE = "made", "Made: the person left the register"
    PREVIEW = "preview", "Checked, not imported yet"
    IMPORTED = "imported", "Imported"


class TransferPackage(models.Model):
    """A person moving between ICBs that use different OpenDSR instances, as a transfer package (a JSON document
    following transfer-package.schema.json, and a PDF summary of it). The sending ICB keeps the package it made
    (its note of where the person went); the receiving ICB keeps the package it uploaded, checked, then
    imported, and the record it made from it."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")  # whose package this is
    direction = models.CharField(max_length=10, choices=PackageDirection.choices)
    status = models.CharField(max_length=10, choices=PackageStatus.choices)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="transfer_packages"
    )  # sent: who left; received: the record made on import
    other_icb_name = models.CharField("The other ICB", max_length=200)
    person_name = models.CharField(max_length=201)
    nhs_number = models.CharField("NHS number", max_length=10)
    document = models.JSONField()  # the package itself
    file_name = models.CharField(max_length=200, blank=True)  # as uploaded
    made_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    imported_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_at", "-id"]
        indexes = [models.Index(fields=["icb", "direction"])]

    def __str__(self) -> str:
        return f"Transfer package of {self.person_name} ({self.get_direction_display().lower()})"

    @property
    def source(self) -> str:
        """What the timeline events imported from it are named by ("transfer-package:3")."""
        return f"transfer-package:{self.pk}"


class NotDuplicate(models.Model):
    """The DSR lead's word that two records that look alike are two different people, so that the pair stops
    being offered as a possible duplicate. It never hides two records with the same NHS number: those are always
    one person. Removed, not deleted: the history keeps who said what."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    first = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")  # the lower id
    second = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("Why they are different people")
    marked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    removal_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-marked_at", "-id"]
        indexes = [models.Index(fields=["icb", "removed_at"])]

    def __str__(self) -> str:
        return f"Records {self.first_id} and {self.second_id} are different people"

    @property
    def in_force(self) -> bool:
        return self.removed_at is None
