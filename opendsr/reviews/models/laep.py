"""A local area emergency protocol (LAEP) meeting (s14.1, Appendix 8): called in a crisis when there is no time
for a community C(E)TR. It is not a C(E)TR and is never counted as one. Saving it writes the clock's
`laep_held` (source "laep:<id>")."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import User
from opendsr.policy.emergency_protocol import Outcome, Participant, SupportOption
from opendsr.register.models import Person

PARTICIPANT_NAMES = {
    Participant.PERSON: "The person",
    Participant.FAMILY: "Family members",
    Participant.PSYCHIATRIST: "Psychiatrist",
    Participant.COMMUNITY_NURSE: "Community learning disability nurse",
    Participant.SOCIAL_WORKER: "Social worker or care manager",
    Participant.ADVOCATE: "Advocate (IMHA, IMCA or independent advocate)",
    Participant.COMMISSIONER: "Commissioner",
    Participant.GP: "GP",
    Participant.EDUCATION: "School, education provider or education commissioner",
}
LaepParticipant = models.TextChoices(
    "LaepParticipant", [(p.name, (p.value, PARTICIPANT_NAMES[p])) for p in Participant]
)

SUPPORT_OPTION_NAMES = {
    SupportOption.HOME: "Support at home, with the help they need there",
    SupportOption.LOCAL_NON_INPATIENT: "A local non-inpatient unit: residential nursing or a short break service",
    SupportOption.LOCAL_INPATIENT: "Admission to an inpatient service in their local ICS area",
    SupportOption.OUT_OF_AREA: "A placement out of area (only with the commissioner's approval)",
}
LaepOption = models.TextChoices(
    "LaepOption", [(o.name, (o.value, SUPPORT_OPTION_NAMES[o])) for o in SupportOption]
)

OUTCOME_NAMES = {
    Outcome.ADMISSION_AVOIDED: "Admission avoided: they are supported in the community",
    Outcome.ADMITTED: "Admitted to hospital",
    Outcome.OTHER: "Something else",
}
LaepOutcome = models.TextChoices("LaepOutcome", [(o.name, (o.value, OUTCOME_NAMES[o])) for o in Outcome])


class Laep(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="laeps")
    held_on = models.DateField("Date of the meeting")
    called_by = models.CharField("Who called the meeting", max_length=300)
    chair = models.CharField("Who chaired it", max_length=300)
    attended = models.JSONField("Who took part", default=list, blank=True)  # LaepParticipant values
    attendees = models.TextField("Names of those who took part", blank=True)
    how_person_was_heard = models.TextField("How the person's views were heard", blank=True)
    answers = models.JSONField(default=dict, blank=True)  # focusing question key -> answer (Appendix 8)
    options_considered = models.JSONField(default=list, blank=True)  # LaepOption values
    options_notes = models.TextField("What was said about each option", blank=True)
    preference_1 = models.CharField(max_length=24, choices=LaepOption.choices)
    preference_2 = models.CharField(max_length=24, choices=LaepOption.choices, blank=True)
    preference_3 = models.CharField(max_length=24, choices=LaepOption.choices, blank=True)
    why_not_home = models.TextField("Why support at home cannot work now", blank=True)
    out_of_area_approved_by = models.CharField(
        "Commissioner who approved the out-of-area placement", max_length=300, blank=True
    )
    out_of_area_approved_on = models.DateField("Date it was approved", null=True, blank=True)
    out_of_area_reason = models.TextField("Why it is justified", blank=True)
    out_of_area_until = models.DateField("Approved until", null=True, blank=True)  # "time limited"
    outcome = models.CharField(max_length=20, choices=LaepOutcome.choices)
    outcome_details = models.TextField("What happened", blank=True)
    updated_plan = models.TextField("The updated care plan and risk assessment")
    lead_professional = models.CharField("Lead professional or keyworker who follows it up", max_length=300)
    gaps_reported = models.TextField("Gaps in local support reported to the commissioner", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = "local area emergency protocol meeting"

    def __str__(self) -> str:
        return f"LAEP meeting for {self.person} on {self.held_on}"

    @property
    def preferences(self) -> list[str]:
        return [p for p in (self.preference_1, self.preference_2, self.preference_3) if p]
