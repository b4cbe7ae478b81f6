"""The panel directory, the ICB's review settings, the seats on a review's panel and the people invited."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation, User
from opendsr.reviews.models.review import Gender, Review


class ReviewSettings(models.Model):
    """Per-ICB settings for reviews: panel fees (Appendix 11 defaults), how long induction training lasts, and
    how long the ICB takes to decide a request for a C(E)TR."""

    icb = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="review_settings")
    chair_fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    clinical_expert_fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("350"))
    expert_by_experience_fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("250"))
    training_valid_months = models.PositiveIntegerField(
        "Induction training is current for (months)", default=24
    )
    # s13.2 leaves the time to decide a request for a C(E)TR sooner, or an appeal against a refusal, to local
    # process: the working days this ICB gives itself. The work queue shows each undecided one as due by then.
    request_decision_days = models.PositiveSmallIntegerField(
        "Working days to decide a request for a C(E)TR or an appeal", default=10
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Review settings for {self.icb}"


class PanelRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    CLINICAL_EXPERT = "clinical_expert", "Clinical expert"
    EXPERT_BY_EXPERIENCE = "expert_by_experience", "Expert by experience"


class Specialism(models.TextChoices):
    CHILDREN = "children", "Children and young people"
    AUTISM = "autism", "Autism"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    PHYSICAL_HEALTH = "physical_health", "Physical health"
    PHARMACIST = "pharmacist", "Pharmacist (STOMP and STAMP)"
    FORENSIC = "forensic", "Forensic and secure services"


class PanelMember(models.Model):
    """An entry in the ICB's panel-member directory (Appendix 11)."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="panel_members")
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="panel_entries"
    )  # a login, for panel members who record findings themselves
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=24, choices=PanelRole.choices)
    organisation = models.CharField("Employer or organisation", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    specialisms = models.JSONField(default=list, blank=True)  # Specialism values
    induction_trained_on = models.DateField("Induction training completed", null=True, blank=True)
    availability = models.TextField(blank=True)
    conflicts = models.TextField("Declared conflicts of interest", blank=True)
    conflict_organisations = models.TextField(
        "Organisations they have a conflict with", blank=True
    )  # one per line: employers, providers, places they have worked
    photo = models.FileField(upload_to="panel-photos/", blank=True)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class PanelSeat(models.Model):
    """A panel member sitting on one review, and what they are paid for it (Appendix 11)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="seats")
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="seats")
    role = models.CharField(max_length=24, choices=PanelRole.choices)
    warnings = models.JSONField(default=list, blank=True)  # the warnings shown when they were chosen
    warnings_accepted_reason = models.TextField(blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    expenses = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    expenses_note = models.CharField(max_length=300, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return f"{self.member} on {self.review}"

    @property
    def person(self):
        return self.review.person


class InviteeRole(models.TextChoices):
    """Who is invited (Appendix 5)."""

    PERSON = "person", "The person"
    PARENT = "parent", "Parent"
    FAMILY_CARER = "family_carer", "Family carer"
    SIBLING = "sibling", "Brother or sister"
    COMMISSIONER = "commissioner", "Commissioner for after discharge"
    RESPONSIBLE_CLINICIAN = "responsible_clinician", "Responsible clinician"
    SENIOR_NURSE = "senior_nurse", "Senior nurse"
    ADVOCATE = "advocate", "Advocate"
    KEYWORKER = "keyworker", "Keyworker"
    SENIOR_INTERVENOR = "senior_intervenor", "Senior intervenor"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Children's social care"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    TRANSITIONS_TEAM = "transitions_team", "Transitions team"
    SEN_TEAM = "sen_team", "Special educational needs (SEN) team"
    EDUCATION_PROVIDER = "education_provider", "Education provider"
    COMMUNITY_TEAM = "community_team", "Community team"
    HOUSING = "housing", "Housing"
    YOUTH_OFFENDING = "youth_offending", "Youth offending team"
    HEALTHCARE_PROVIDER = "healthcare_provider", "Key healthcare provider"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER = "other", "Someone else"


class InviteMethod(models.TextChoices):
    EMAIL = "email", "Email with a calendar invitation"
    LETTER = "letter", "Printed letter"


class Reply(models.TextChoices):
    AWAITING = "", "No reply yet"
    ATTENDING = "attending", "Coming"
    NOT_ATTENDING = "not_attending", "Not coming"
    SENDING_INFORMATION = "sending_information", "Not coming, sending information"


class Invitation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="invitations")
    role = models.CharField(max_length=24, choices=InviteeRole.choices)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    method = models.CharField(max_length=8, choices=InviteMethod.choices, default=InviteMethod.EMAIL)
    must_attend = models.BooleanField(default=False)  # a keyworker for children and young people
    sent_on = models.DateField(null=True, blank=True)
    reply = models.CharField(max_length=20, choices=Reply.choices, blank=True)
    replied_on = models.DateField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Invitation to {self.name} ({self.get_role_display()})"

    @property
    def person(self):
        return self.review.person
