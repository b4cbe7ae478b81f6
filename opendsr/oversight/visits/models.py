"""The records of this part of oversight. `opendsr.oversight.models` names each of them for Django."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr import policy
from opendsr.accounts.models import User
from opendsr.register.models import Person
from opendsr.web.labels import ESCALATED_BY_LABELS


class OversightVisit(models.Model):
    """A commissioner's oversight visit to a person in hospital (s16.1): every 6 weeks for a child, at least
    every 8 weeks for an adult. The last one before a planned C(E)TR is a "sit and see" observation, noted under
    the headings of Appendix 4. The visit writes the `oversight_visit` event on the person's timeline."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="oversight_visits")
    visited_on = models.DateField("Date of the visit")
    visitors = models.TextField("Who visited")
    place = models.CharField("Hospital and ward", max_length=200, blank=True)
    length_minutes = models.PositiveIntegerField("How long the visit lasted, in minutes")
    sit_and_see = models.BooleanField("Sit-and-see observation")
    shorter_because = models.TextField("Why the sit and see was shorter than three hours", blank=True)
    # Appendix 4's observation headings
    environment = models.TextField("The environment", blank=True)
    safety = models.TextField("Is it safe?", blank=True)
    caring = models.TextField("Is it caring and involving?", blank=True)
    organised = models.TextField("Is it well organised and calm?", blank=True)
    anything_else = models.TextField("Anything else", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"Oversight visit to {self.person} on {self.visited_on}"

    @property
    def source(self) -> str:
        """What the visit's timeline event names as its record."""
        return f"visit:{self.pk}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Not done"


class VisitAction(models.Model):
    """Something a visit found that must be done: what, who in the ICB owns it, by when. Open actions are in the
    owner's My work until they are closed."""

    visit = models.ForeignKey(OversightVisit, on_delete=models.PROTECT, related_name="actions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="visit_actions")
    text = models.TextField("What needs to happen")
    owner = models.ForeignKey(User, on_delete=models.PROTECT, related_name="visit_actions")
    due = models.DateField("Due by")
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField("What happened, or why it was not done", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["owner", "status", "due"])]

    def __str__(self) -> str:
        return f"{self.text[:60]} (due {self.due})"


class EscalatedBy(models.TextChoices):
    """Who asked for the person to go before the ICS oversight panel (s18); the clock's own values."""

    PERSON = policy.EscalatedBy.PERSON.value, ESCALATED_BY_LABELS[policy.EscalatedBy.PERSON]
    FAMILY = policy.EscalatedBy.FAMILY.value, ESCALATED_BY_LABELS[policy.EscalatedBy.FAMILY]
    RESPONSIBLE_CLINICIAN = (
        policy.EscalatedBy.RESPONSIBLE_CLINICIAN.value,
        ESCALATED_BY_LABELS[policy.EscalatedBy.RESPONSIBLE_CLINICIAN],
    )
    COMMISSIONER = policy.EscalatedBy.COMMISSIONER.value, ESCALATED_BY_LABELS[policy.EscalatedBy.COMMISSIONER]
    ADVOCATE = policy.EscalatedBy.ADVOCATE.value, ESCALATED_BY_LABELS[policy.EscalatedBy.ADVOCATE]


class EscalationRequest(models.Model):
    """A request that the ICS oversight panel looks at the person's care (s18). It writes
    `escalation_requested`, which puts them on the panel's agenda."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="escalation_requests")
    requested_on = models.DateField("Date they asked")
    requested_by = models.CharField("Who asked", max_length=30, choices=EscalatedBy.choices)
    requester_name = models.CharField("Their name", max_length=200, blank=True)
    what_asked = models.TextField("What they asked for")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"Escalation asked for {self.person} on {self.requested_on}"

    @property
    def source(self) -> str:
        return f"escalation:{self.pk}"


class Complaint(models.Model):
    """A complaint about the person's care (s18). Until it is resolved to the satisfaction of all involved, the
    person stays on the ICS oversight panel's agenda: `complaint_made`, then `complaint_resolved`."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="complaints")
    made_on = models.DateField("Date of the complaint")
    made_by = models.CharField("Who complained", max_length=200)
    summary = models.TextField("What the complaint is about")
    resolved_on = models.DateField("Date it was resolved", null=True, blank=True)
    resolution = models.TextField("How it was resolved", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on", "-pk"]

    def __str__(self) -> str:
        return f"Complaint about {self.person}'s care on {self.made_on}"

    @property
    def source(self) -> str:
        return f"complaint:{self.pk}"

    @property
    def resolved_source(self) -> str:
        return f"complaint-resolved:{self.pk}"
