"""The inpatient (blue) record: one admission to a mental health hospital with what the people looking after
the person need to work from (s14, s17, Appendices 7 and 10; 003 "Blue").

One admission keeps its history: a move to another hospital or security level is a `Transfer` of the same
admission, and the discharge closes it. Each record that is also a clock event writes it through its service
with `source` naming the record (`admission:12`, `transfer:3`, `segregation:5`, `ward-rating:2`, `moj:4`,
`discharge:12`).
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import User
from opendsr.policy import restricted_patients
from opendsr.register.models import Person


class Setting(models.TextChoices):
    """The clock's `setting` of `admitted` and `transferred`."""

    NON_SECURE = "non_secure", "Not secure (acute, rehabilitation, or assessment and treatment)"
    SECURE = "secure", "Secure (low, medium or high)"


class Route(models.TextChoices):
    """The clock's `route` of `admitted`."""

    CIVIL = "civil", "Not through the criminal justice system"
    CRIMINAL_JUSTICE = "criminal_justice", "Through the criminal justice system (from court or prison)"


class MentalHealthActStatus(models.TextChoices):
    INFORMAL = "informal", "Informal (not detained)"
    SECTION_2 = "s2", "Section 2 (assessment)"
    SECTION_3 = "s3", "Section 3 (treatment)"
    SECTION_37 = "s37", "Section 37 (hospital order)"
    SECTION_37_41 = "s37_41", "Section 37/41 (hospital order with restrictions)"
    SECTION_47_49 = "s47_49", "Section 47/49 (transfer from prison with restrictions)"
    OTHER = "other", "Another section"


class LibertySafeguards(models.TextChoices):
    NONE = "none", "Neither"
    DOLS = "dols", "Deprivation of Liberty Safeguards (DoLS)"
    LPS = "lps", "Liberty Protection Safeguards (LPS)"


class ReviewBeforeAdmission(models.TextChoices):
    """What came before the admission (s14.1): a community C(E)TR, a local area emergency protocol meeting, or
    neither."""

    CETR = "cetr", "A community C(E)TR"
    LAEP = "laep", "A local area emergency protocol (LAEP) meeting"
    NEITHER = "neither", "Neither"


class DelayBarrier(models.TextChoices):
    HOUSING = "housing", "Housing"
    FUNDING = "funding", "Funding"
    CARE_PROVIDER = "care_provider", "Finding a care provider"
    LEGAL = "legal", "Legal (for example a tribunal, the Court of Protection or the Ministry of Justice)"
    DISAGREEMENT = "disagreement", "Disagreement between agencies"
    OTHER = "other", "Something else"


class DischargedTo(models.TextChoices):
    FAMILY_HOME = "family_home", "Home, to live with family"
    OWN_HOME = "own_home", "Their own home or tenancy, with support"
    SUPPORTED_LIVING = "supported_living", "Supported living"
    RESIDENTIAL_CARE = "residential_care", "A residential care home"
    RESIDENTIAL_SCHOOL = "residential_school", "A residential school or college"
    PRISON = "prison", "Prison or another secure setting outside hospital"
    OTHER = "other", "Somewhere else"


class Admission(models.Model):
    """One stay in a mental health hospital, from admission to discharge, with its transfers.

    The hospital, provider, ward and setting are where the person is now; `transfers` keep where they were.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="admissions")
    admitted_on = models.DateField("Date of admission")
    hospital = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    provider_ods_code = models.CharField("Provider ODS code", max_length=10, blank=True)
    ward = models.CharField(max_length=200, blank=True)
    setting = models.CharField(max_length=12, choices=Setting.choices)
    route = models.CharField(max_length=20, choices=Route.choices, default=Route.CIVIL)
    out_of_area = models.BooleanField("Out of area", default=False)
    mha_status = models.CharField(
        "Mental Health Act status", max_length=10, choices=MentalHealthActStatus.choices
    )
    mha_other = models.CharField("Which section", max_length=100, blank=True)
    mha_since = models.DateField("Mental Health Act status since", null=True, blank=True)
    liberty_safeguards = models.CharField(
        "DoLS or LPS", max_length=6, choices=LibertySafeguards.choices, default=LibertySafeguards.NONE
    )
    responsible_clinician = models.CharField(max_length=200, blank=True)
    reason = models.TextField("Reason for admission")
    expected_outcome = models.TextField("What the admission is expected to achieve", blank=True)
    on_register_before = models.BooleanField("On the register before admission", null=True, blank=True)
    rating_before = models.CharField("Rating before admission", max_length=12, blank=True)
    review_before = models.CharField(
        "What came before the admission",
        max_length=8,
        choices=ReviewBeforeAdmission.choices,
        default=ReviewBeforeAdmission.NEITHER,
    )
    expected_discharge_on = models.DateField("Expected discharge date", null=True, blank=True)
    delayed_discharge = models.BooleanField("Discharge is delayed", default=False)
    delay_barriers = models.JSONField(default=list, blank=True)
    delay_notes = models.TextField("About the delay", blank=True)

    discharged_on = models.DateField("Date of discharge", null=True, blank=True)
    discharged_to = models.CharField(max_length=20, choices=DischargedTo.choices, blank=True)
    discharge_details = models.CharField("Where they went", max_length=300, blank=True)
    post_discharge_plan = models.TextField(blank=True)
    follow_up_until = models.DateField("Stays on the register for review until", null=True, blank=True)

    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-admitted_on", "-id"]

    def __str__(self) -> str:
        return f"Admission to {self.hospital} on {self.admitted_on}"

    @property
    def is_open(self) -> bool:
        return self.discharged_on is None

    @property
    def is_restricted(self) -> bool:
        """A section that makes them a restricted patient (Appendix 10, `opendsr.policy.restricted_patients`)."""
        return restricted_patients.is_restricted(self.mha_status)

    @property
    def mha_label(self) -> str:
        if self.mha_status == MentalHealthActStatus.OTHER and self.mha_other:
            return self.mha_other
        return self.get_mha_status_display()

    @property
    def barrier_labels(self) -> list[str]:
        labels = dict(DelayBarrier.choices)
        return [labels.get(value, value) for value in self.delay_barriers or ()]


class Transfer(models.Model):
    """A move to another hospital, or to a ward of a different security level (s14.5). Where they were is kept
    here; the admission holds where they are now."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    admission = models.ForeignKey(Admission, on_delete=models.PROTECT, related_name="transfers")
    moved_on = models.DateField("Date of the move")
    from_hospital = models.CharField(max_length=200)
    from_provider = models.CharField(max_length=200, blank=True)
    from_ward = models.CharField(max_length=200, blank=True)
    from_setting = models.CharField(max_length=12, choices=Setting.choices)
    hospital = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    provider_ods_code = models.CharField("Provider ODS code", max_length=10, blank=True)
    ward = models.CharField(max_length=200, blank=True)
    setting = models.CharField(max_length=12, choices=Setting.choices)
    reason = models.TextField("Why they moved", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["moved_on", "id"]

    def __str__(self) -> str:
        return f"Moved to {self.hospital} on {self.moved_on}"


class WardRating(models.Model):
    """The Care Quality Commission rated the ward or unit where the person is an inpatient inadequate (s18: the
    ICS oversight panel reviews them)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    admission = models.ForeignKey(Admission, on_delete=models.PROTECT, related_name="ward_ratings")
    rated_on = models.DateField("Date of the CQC rating")
    ward = models.CharField(max_length=200)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rated_on", "id"]

    def __str__(self) -> str:
        return f"{self.ward} rated inadequate on {self.rated_on}"


class RestrictionKind(models.TextChoices):
    LONG_TERM_SEGREGATION = "lts", "Long-term segregation"
    SECLUSION = "seclusion", "Seclusion"


class RestrictiveEpisode(models.Model):
    """A period of long-term segregation or of seclusion (s14.4). Long-term segregation is the clock's
    `segregation_started` / `segregation_ended`; seclusion is recorded but is not long-term segregation."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    admission = models.ForeignKey(Admission, on_delete=models.PROTECT, related_name="episodes")
    kind = models.CharField(max_length=10, choices=RestrictionKind.choices)
    started_on = models.DateField("Date it started")
    ended_on = models.DateField("Date it ended", null=True, blank=True)
    reported_by = models.CharField("Who reported it", max_length=200)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on}"

    @property
    def is_segregation(self) -> bool:
        return self.kind == RestrictionKind.LONG_TERM_SEGREGATION


# Appendix 7: the 12-point discharge plan (part of the Assuring Transformation dataset). Points 8 to 11 have
# parts; each part is a line of the checklist.
DISCHARGE_PLAN_POINTS: list[tuple[str, str]] = [
    ("1", "Person in active treatment: start discharge planning"),
    ("2", "Person identified as ready for discharge: person-centred service specification outline started"),
    ("3", "Capacity assessment completed (community accommodation and support)"),
    ("4", "Risk assessment: community-based risk assessment completed"),
    ("5", "Service specification complete: ready to be advertised or tendered"),
    ("6", "Procurement process undertaken (where required)"),
    ("7", "Accommodation identified and secured, and adaptations completed"),
    ("8.1", "Funding for discharge support agreed and in place"),
    ("8.2", "Additional funding agreed and in place (where required)"),
    ("9.1", "Workforce: provider staff recruited"),
    ("9.2", "Workforce: community multidisciplinary team identified"),
    ("10.1", "Legal framework: Mental Health Tribunal (if appropriate)"),
    ("10.2", "Legal framework: Court of Protection (if required)"),
    ("10.3", "Legal framework: Parole Board application (if required)"),
    ("10.4", "Legal framework: Ministry of Justice application (if required)"),
    ("11.1", "Community move: transition plan communicated and started"),
    ("11.2", "Community move: section 17 leave underway as part of the move"),
    ("12", "Discharge"),
]
DISCHARGE_PLAN_LABELS = dict(DISCHARGE_PLAN_POINTS)


class PlanStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_NEEDED = "not_needed", "Not needed"


class DischargePlanItem(models.Model):
    """One point of the 12-point discharge plan (Appendix 7) for an admission: who owns it, by when, how far it
    has got."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    admission = models.ForeignKey(Admission, on_delete=models.PROTECT, related_name="plan_items")
    point = models.CharField(max_length=5, choices=DISCHARGE_PLAN_POINTS)
    owner = models.CharField(max_length=200, blank=True)
    target_on = models.DateField("Target date", null=True, blank=True)
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.NOT_STARTED)
    note = models.TextField(blank=True)
    updated_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["admission", "id"]
        constraints = [models.UniqueConstraint(fields=["admission", "point"], name="one_plan_item_per_point")]

    def __str__(self) -> str:
        return f"{self.point}. {self.get_point_display()}"


class MojContact(models.Model):
    """The responsible clinician told the Ministry of Justice about a restricted patient (Appendix 10: within one
    week of a C(E)TR, with its outcome). This is the clock's `moj_contacted`."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    admission = models.ForeignKey(Admission, on_delete=models.PROTECT, related_name="moj_contacts")
    contacted_on = models.DateField("Date the Ministry of Justice was contacted")
    contact = models.CharField("Who was contacted", max_length=200)
    information_sent = models.TextField("What was sent")
    reply = models.TextField("What they said back", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-contacted_on", "-id"]

    def __str__(self) -> str:
        return f"Ministry of Justice contacted on {self.contacted_on}"
