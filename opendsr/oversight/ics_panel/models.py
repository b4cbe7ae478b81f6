"""The ICS oversight panel (s18): its members, its meetings at least quarterly, the people on each meeting's
agenda with what the panel decided for them, and the actions it took ownership of."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation, User
from opendsr.register.models import Person


class OversightRole(models.TextChoices):
    """The roles s18 says each ICS oversight panel includes, and any other member."""

    EXECUTIVE_LEAD = (
        "executive_lead",
        "Learning disability and autism senior responsible officer or ICS named executive lead",
    )
    EXPERT_BY_EXPERIENCE = "expert_by_experience", "Expert by experience"
    MEDICAL_DIRECTOR = "medical_director", "Medical director"
    SOCIAL_CARE = "social_care", "Social care or local authority senior representative"
    PROVIDER_COLLABORATIVE = "provider_collaborative", "Provider collaborative representative"
    SENIOR_CLINICIAN = (
        "senior_clinician",
        "Senior clinician with expertise in learning disability and autism",
    )
    OTHER = "other", "Other member"


class OversightPanelMember(models.Model):
    """Someone who sits on an ICB's oversight panel, in one of the s18 roles."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="oversight_panel_members")
    name = models.CharField("Full name", max_length=200)
    role = models.CharField("Role on the panel", max_length=30, choices=OversightRole.choices)
    organisation = models.CharField("Organisation", max_length=200)
    email = models.EmailField("Email address", blank=True)
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="oversight_panel_seats"
    )
    is_chair = models.BooleanField("Chairs the panel", default=False)
    left_on = models.DateField("Left the panel on", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class PanelMeeting(models.Model):
    """One meeting of the ICS oversight panel: when and where, who came, and the minutes."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="oversight_panel_meetings")
    date = models.DateField("Date of the meeting")
    starts_at = models.TimeField("Start time", null=True, blank=True)
    venue = models.CharField("Where", max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    chair = models.ForeignKey(
        OversightPanelMember, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings_chaired"
    )
    minutes = models.TextField("Minutes", blank=True)
    others_present = models.TextField("Others present", blank=True)
    cancelled_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["icb", "status", "date"])]

    def __str__(self) -> str:
        return f"Oversight panel meeting on {self.date}"


class PanelAttendance(models.Model):
    """A panel member who came to a meeting (recorded with the minutes)."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="attendance")
    member = models.ForeignKey(OversightPanelMember, on_delete=models.PROTECT, related_name="attendance")
    removed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["member__name", "pk"]

    def __str__(self) -> str:
        return f"{self.member} at the {self.meeting}"


class PanelItem(models.Model):
    """A person on a meeting's agenda: why they are there, and, once the panel has discussed them, what it
    decided. Discussing them writes the `oversight_panel_reviewed` clock event (source "panel_item:<pk>")."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.PROTECT, related_name="items")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="oversight_panel_items")
    reasons = models.JSONField("Why they are on the agenda", default=list, blank=True)
    added_by_chair = models.BooleanField(default=False)
    chair_reason = models.TextField("Why the chair added them", blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.TextField("Why they were taken off the agenda", blank=True)
    discussed_on = models.DateField(null=True, blank=True)
    decision = models.TextField("What the panel decided", blank=True)
    discussion = models.TextField("What the panel discussed", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_panel_item_per_person_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} at the {self.meeting}"

    @property
    def on_agenda(self) -> bool:
        return self.removed_at is None


class PanelActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CLOSED = "closed", "Closed without being done"


class PanelAction(models.Model):
    """An action the panel took ownership of for a person (s18): what, who, by when."""

    item = models.ForeignKey(PanelItem, on_delete=models.PROTECT, related_name="actions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="oversight_panel_actions")
    text = models.TextField("What needs to happen")
    owner_user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="oversight_panel_actions"
    )
    owner_name = models.CharField("Who will do it", max_length=200)
    owner_organisation = models.CharField("Their organisation", max_length=200, blank=True)
    due = models.DateField("Done by")
    status = models.CharField(
        max_length=10, choices=PanelActionStatus.choices, default=PanelActionStatus.OPEN
    )
    closed_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField("What happened, or why it was not done", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["owner_user", "status", "due"])]

    def __str__(self) -> str:
        return f"{self.text[:60]} (due {self.due})"
