"""A person on the register (the minimum dataset, s3.2, and the extras from s3.1, s4 and s9) and their
carers."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation, Team, User


class Diagnosis(models.TextChoices):
    AUTISTIC = "autistic", "Autistic"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    BOTH = "both", "Autistic and a learning disability"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    INTERSEX = "intersex", "Intersex"
    NOT_KNOWN = "not_known", "Not known"
    NOT_STATED = "not_stated", "Prefers not to say"


class Ethnicity(models.TextChoices):
    """NHS Data Dictionary ethnic category codes."""

    A = "A", "White: British"
    B = "B", "White: Irish"
    C = "C", "White: any other White background"
    D = "D", "Mixed: White and Black Caribbean"
    E = "E", "Mixed: White and Black African"
    F = "F", "Mixed: White and Asian"
    G = "G", "Mixed: any other mixed background"
    H = "H", "Asian or Asian British: Indian"
    J = "J", "Asian or Asian British: Pakistani"
    K = "K", "Asian or Asian British: Bangladeshi"
    L = "L", "Asian or Asian British: any other Asian background"
    M = "M", "Black or Black British: Caribbean"
    N = "N", "Black or Black British: African"
    P = "P", "Black or Black British: any other Black background"
    R = "R", "Other ethnic groups: Chinese"
    S = "S", "Other ethnic groups: any other ethnic group"
    Z = "Z", "Not stated"
    NOT_KNOWN = "99", "Not known"


class Rating(models.TextChoices):
    """s4, Table 1. Blue while an inpatient in a mental health hospital."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


class Location(models.TextChoices):
    COMMUNITY = "community", "In the community"
    URGENT_CARE = "urgent_care", "In urgent and emergency care, waiting for a bed"
    INPATIENT = "inpatient", "Inpatient in a mental health hospital"


class RegisterStatus(models.TextChoices):
    REFERRED = "referred", "Referred, not yet on the register"
    ACTIVE = "active", "On the register"
    LEFT = "left", "Left the register"


class Person(models.Model):
    """A child, young person or adult on (or referred to) one ICB's dynamic support register."""

    icb = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people",
        help_text="The responsible commissioner",
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="people")
    case_manager = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="caseload"
    )
    status = models.CharField(max_length=12, choices=RegisterStatus.choices, default=RegisterStatus.REFERRED)

    # Identity (s3.2)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=12, choices=Sex.choices, default=Sex.NOT_KNOWN)
    gender_identity = models.CharField("Gender identity", max_length=100, blank=True)
    ethnicity = models.CharField(max_length=2, choices=Ethnicity.choices, default=Ethnicity.NOT_KNOWN)
    diagnosis = models.CharField(max_length=24, choices=Diagnosis.choices)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    local_authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        limit_choices_to={"kind": "local_authority"},
    )
    gp_practice = models.CharField("GP practice", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    communication_needs = models.TextField(
        blank=True, help_text="Reasonable adjustments, interpreter or BSL, easy read, preferred contact"
    )

    # Care and support (s3.2)
    lead_professional = models.CharField(
        "Lead health or social care professional",
        max_length=200,
        blank=True,
        help_text="For the multi-agency care plan: name, role and organisation",
    )
    current_provider = models.CharField(
        "Current service provider or personal budget support", max_length=200, blank=True
    )
    has_care_plan = models.BooleanField("Current care plan", null=True, blank=True)
    care_plan_has_contingency = models.BooleanField(
        "Care plan includes contingency planning", null=True, blank=True
    )
    care_plan_reviewed_on = models.DateField("Care plan last reviewed", null=True, blank=True)
    has_risk_assessment = models.BooleanField("Current risk assessment", null=True, blank=True)
    risk_assessment_reviewed_on = models.DateField("Risk assessment last reviewed", null=True, blank=True)
    reason_for_risk = models.TextField(blank=True)
    personal_budget_offered = models.BooleanField("Personal budget offered", default=False)
    personal_health_budget_offered = models.BooleanField("Personal health budget offered", default=False)
    integrated_budget_offered = models.BooleanField("Integrated budget offered", default=False)

    # Extras the register holds (s3.1, s4, s9)
    has_ehcp = models.BooleanField("Education, health and care plan (EHCP)", default=False)
    in_cyp_tier4 = models.BooleanField("In a children and young people's tier 4 bed", default=False)
    residential_52_week = models.BooleanField(
        "52-week residential school or college placement", default=False
    )
    out_of_area = models.BooleanField("Placed out of area", default=False)
    out_of_area_details = models.CharField("Where the placement is", max_length=200, blank=True)
    housing_needs = models.TextField(blank=True)
    known_to_keyworker = models.BooleanField("Already has a keyworker", default=False)
    keyworker_name = models.CharField(max_length=200, blank=True)
    keyworker_service = models.CharField(max_length=200, blank=True)
    advocate_name = models.CharField(max_length=200, blank=True)
    advocate_organisation = models.CharField(max_length=200, blank=True)
    has_unpaid_carer = models.BooleanField("Has an unpaid carer", default=False)
    partners_to_involve = models.TextField("Partners to involve in a C(E)TR", blank=True)
    moj_restricted = models.BooleanField("Ministry of Justice restricted patient", default=False)
    location = models.CharField(max_length=12, choices=Location.choices, default=Location.COMMUNITY)
    current_rating = models.CharField(max_length=6, choices=Rating.choices, blank=True, db_index=True)
    rating_decided_on = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by the services on each change a user makes, so that two people editing at once are told
    # (opendsr.register.edit_conflicts).
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["icb", "nhs_number"],
                condition=~Q(nhs_number=""),
                name="nhs_number_unique_per_register",
            )
        ]
        indexes = [
            models.Index(fields=["icb", "status"]),
            models.Index(fields=["icb", "family_name", "given_name"]),
            models.Index(fields=["icb", "date_of_birth"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Carer(models.Model):
    """An unpaid carer (s9.5): they have the right to a carers assessment."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="carers")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    contact = models.CharField(max_length=200, blank=True)
    assessment_offered = models.BooleanField("Carers assessment offered", default=False)
    assessment_offered_on = models.DateField(null=True, blank=True)
    contingency_plan = models.TextField("Carer contingency plan", blank=True)
    active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(
        default=1
    )  # raised on each change (opendsr.register.edit_conflicts)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name
