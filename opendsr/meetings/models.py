"""The multi-agency DSR meeting (000 Part 1; 001 s4, s16.2) and escalation to named senior managers (001 s4;
s20.3).

A standing meeting has terms of reference, members and a rhythm; each meeting held under it has an agenda the
clock builds (see `agenda.py`), attendance, and for each person discussed a note and a decision, with actions.
Escalations are raised by the DSR lead's rules (the nightly run) or at a meeting, and go to a named senior
manager, moving up a level when nobody acknowledges them in time.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation, User
from opendsr.register.models import Person

# ------------------------------------------------------------------------------------------ the meeting


class Sector(models.TextChoices):
    """Who sits round the table (000 Part 1: a multi-agency meeting)."""

    HEALTH = "health", "Health (ICB or NHS)"
    SOCIAL_CARE = "social_care", "Social care"
    EDUCATION = "education", "Education"
    HOUSING = "housing", "Housing"
    PROVIDER = "provider", "Care or support provider"
    KEYWORKER = "keyworker", "Keyworker service"
    OTHER = "other", "Other"


class StandingMeeting(models.Model):
    """An ICB's multi-agency DSR meeting: its terms of reference, its members and how often it meets."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="dsr_meetings")
    name = models.CharField(max_length=200)
    terms_of_reference = models.TextField()
    every_weeks = models.PositiveSmallIntegerField("How often it meets, in weeks", default=2)
    usual_time = models.TimeField("Usual start time", null=True, blank=True)
    usual_venue = models.CharField("Usual place or video link", max_length=300, blank=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class DsrMeetingMember(models.Model):
    """Someone on a standing meeting's invitation list. Many members from partners have no OpenDSR account."""

    standing = models.ForeignKey(StandingMeeting, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    sector = models.CharField(max_length=12, choices=Sector.choices)
    role = models.CharField("Role at the meeting", max_length=120, blank=True)
    email = models.EmailField("Email address", blank=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class DsrMeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Minutes sent"
    CANCELLED = "cancelled", "Cancelled"


class DsrMeeting(models.Model):
    """One meeting of a standing DSR meeting. `sections` is the chair's order of the agenda's sections."""

    standing = models.ForeignKey(StandingMeeting, on_delete=models.PROTECT, related_name="meetings")
    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    venue = models.CharField("Place or video link", max_length=300, blank=True)
    chair = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(
        max_length=10, choices=DsrMeetingStatus.choices, default=DsrMeetingStatus.SCHEDULED
    )
    sections = models.JSONField(default=list, blank=True)
    attendance_taken = models.BooleanField(default=False)
    minutes_sent_at = models.DateTimeField(null=True, blank=True)
    minutes_sent_to = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["icb", "date"])]

    def __str__(self) -> str:
        return f"{self.standing.name}, {self.date:%-d %B %Y}"


class DsrMeetingAttendance(models.Model):
    """Who came. A member of the invitation list, or a guest (named in full in OpenDSR, by initials in the
    minutes)."""

    meeting = models.ForeignKey(DsrMeeting, on_delete=models.PROTECT, related_name="attendance")
    member = models.ForeignKey(
        DsrMeetingMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    present = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_guest(self) -> bool:
        return self.member_id is None


class RatingOutcome(models.TextChoices):
    CONFIRMED = "confirmed", "Rating confirmed"
    CHANGED = "changed", "Rating changed, or rated for the first time"
    NOT_RATED = "not_rated", "Not rated at this meeting"


class DsrMeetingItem(models.Model):
    """A person on a meeting's agenda: added by the chair, taken off by the chair, or discussed."""

    meeting = models.ForeignKey(DsrMeeting, on_delete=models.PROTECT, related_name="items")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="dsr_meeting_items")
    section = models.CharField(max_length=20, blank=True)
    added_by_chair = models.BooleanField(default=False)
    added_reason = models.CharField(max_length=300, blank=True)
    removed = models.BooleanField(default=False)
    removed_reason = models.CharField(max_length=300, blank=True)
    discussed = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    rating_outcome = models.CharField(max_length=10, choices=RatingOutcome.choices, blank=True)
    rating_before = models.CharField(max_length=12, blank=True)
    rating_after = models.CharField(max_length=12, blank=True)
    rationale = models.TextField(blank=True)
    rating_decision_id = models.IntegerField(null=True, blank=True)
    escalated = models.BooleanField(default=False)
    left_register = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_item_per_person_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Closed without being done"


class DsrMeetingAction(models.Model):
    """An action agreed for a person at a DSR meeting: on its owner's "My work" and on every later agenda until
    it is closed."""

    item = models.ForeignKey(DsrMeetingItem, on_delete=models.PROTECT, related_name="actions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="dsr_meeting_actions")
    text = models.TextField("What needs to happen")
    owner_user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    owner_name = models.CharField("Named owner", max_length=200)
    owner_organisation = models.CharField(max_length=200)
    due = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField("What happened, or why it was not done", blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "id"]

    # ------------------------------------------------------------------------------------------- escalation

    def __str__(self) -> str:
        return self.text[:60]


class ManagerLine(models.TextChoices):
    """Which line of management an escalation goes up (s4: named senior managers in health and in each local
    authority)."""

    HEALTH = "health", "Health (the ICB)"
    LOCAL_AUTHORITY = "local_authority", "The person's local authority"


class SeniorManager(models.Model):
    """A named senior manager who receives escalations, at a level (1 is the first to hear)."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="senior_manager_roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="senior_managers")
    level = models.PositiveSmallIntegerField(default=1)
    title = models.CharField("Level name", max_length=120)
    urgent_only = models.BooleanField("Email only urgent escalations", default=False)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "id"]

    def __str__(self) -> str:
        return f"{self.user.display_name} ({self.title})"

    @property
    def line(self) -> str:
        return ManagerLine.HEALTH if self.organisation_id == self.icb_id else ManagerLine.LOCAL_AUTHORITY


class RuleKind(models.TextChoices):
    """What the nightly run looks for, read from the stored obligations and records."""

    RED_COMMUNITY_CETR_OVERDUE = (
        "red_community_cetr",
        "A red person's community C(E)TR is overdue by more than the number of days",
    )
    OBLIGATION_OVERDUE = (
        "obligation_overdue",
        "Anything the policy asks for is overdue by more than the number of days",
    )
    REFERRAL_NOT_STRATIFIED = (
        "referral_not_stratified",
        "A referral is not rated more than the number of days after its due date",
    )
    CETR_ACTION_OVERDUE = "cetr_action_overdue", "A C(E)TR action is overdue by more than the number of days"
    RED_WITHOUT_CHANGE = (
        "red_without_change",
        "A person has been red for more than the number of days without change",
    )


class EscalationRule(models.Model):
    """A rule the DSR lead sets: when it matches, an escalation goes to the first level of the line."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=24, choices=RuleKind.choices)
    days = models.PositiveSmallIntegerField("Number of days", default=0)
    line = models.CharField(max_length=16, choices=ManagerLine.choices, default=ManagerLine.HEALTH)
    urgent = models.BooleanField(default=False)
    acknowledge_within = models.PositiveSmallIntegerField("Working days to acknowledge", default=2)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "days", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.days})"


class EscalationStatus(models.TextChoices):
    OPEN = "open", "Waiting for acknowledgement"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    CLOSED = "closed", "Closed"


class Escalation(models.Model):
    """One escalation to a named senior manager: why, about whom, who has it now, and what was done."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="escalations")
    rule = models.ForeignKey(
        EscalationRule, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    meeting_item = models.ForeignKey(
        DsrMeetingItem, on_delete=models.PROTECT, null=True, blank=True, related_name="escalations"
    )
    key = models.CharField(max_length=120, blank=True, db_index=True)
    reason = models.TextField()
    link = models.CharField(max_length=300)
    line = models.CharField(max_length=16, choices=ManagerLine.choices, default=ManagerLine.HEALTH)
    manager = models.ForeignKey(SeniorManager, on_delete=models.PROTECT, related_name="escalations")
    level = models.PositiveSmallIntegerField(default=1)
    urgent = models.BooleanField(default=False)
    raised_on = models.DateField()
    with_manager_since = models.DateField()
    acknowledge_by = models.DateField()
    emailed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=EscalationStatus.choices, default=EscalationStatus.OPEN)
    acknowledged_on = models.DateField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action_taken = models.TextField("What was done", blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    raised_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["icb", "status"])]

    def __str__(self) -> str:
        return f"Escalation about {self.person}: {self.reason[:60]}"


class EscalationStep(models.Model):
    """An escalation reaching a manager: when it was raised, and each move up a level."""

    escalation = models.ForeignKey(Escalation, on_delete=models.PROTECT, related_name="steps")
    on = models.DateField()
    manager = models.ForeignKey(SeniorManager, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField()
    why = models.CharField(max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on}: level {self.level}"
