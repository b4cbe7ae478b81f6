"""The register: people, their timeline of events, and the obligations the policy clock derives from it.

The minimum dataset is s3.2 of the policy; the extras come from s3.1, s4 and s9.
"""

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


class TimelineEvent(models.Model):
    """One dated event in a person's timeline, of one of the policy clock's event types.

    Where another record is the event (a referral, a rating decision, a consent record, a C(E)TR), `source`
    names it ("referral:12") and that record's service keeps this row in step: one source of truth, entered once.
    A mistaken event is voided with a reason, never deleted.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="timeline")
    date = models.DateField()
    type = models.CharField(max_length=40)
    data = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=60, blank=True, db_index=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["person", "date"])]

    def __str__(self) -> str:
        return f"{self.type} on {self.date}"


class Obligation(models.Model):
    """Derived data: what the policy clock says is owed for a person. Rebuilt whenever the person changes.

    Status (met, due, overdue) depends on the date, so it is worked out when read, from `due` and `met_on`.
    `ended_on` is set when it stopped being owed unmet because the person left the register; it is then no
    longer open.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="obligations")
    kind = models.CharField(max_length=40)
    raised_on = models.DateField()
    due = models.DateField(null=True, blank=True)
    met_on = models.DateField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    basis = models.CharField(max_length=300)
    reasons = models.JSONField(default=list, blank=True)
    raised_by = models.CharField(max_length=60, blank=True)
    met_by = models.CharField(max_length=60, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "kind"]
        indexes = [
            models.Index(fields=["is_open", "due"]),
            models.Index(fields=["person", "is_open"]),
            models.Index(fields=["kind", "is_open"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} due {self.due}"


# ------------------------------------------------------------------------------------ risk stratification


class DecidedRating(models.TextChoices):
    """What a stratification decides (s4): a RAG rating, blue while an inpatient, or not eligible (s7)."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"
    NOT_ELIGIBLE = "not_eligible", "Not eligible for the register"


class Population(models.TextChoices):
    ADULT = "adult", "Adults"
    CHILD = "child", "Children and young people"
    BOTH = "both", "Everyone"


class InstrumentVersion(models.Model):
    """One version of a risk-stratification instrument (s4): items, options with weights, and score bands.

    The shipped defaults have no ICB. An ICB adds its own versions; a new version never changes an old one, so
    every rating decision keeps the version it was scored with.
    """

    icb = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="instruments"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    version = models.PositiveIntegerField(default=1)
    population = models.CharField(max_length=6, choices=Population.choices)
    data = models.JSONField()
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["population", "slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["icb", "slug", "version"], name="instrument_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class RatingDecision(models.Model):
    """A stratification decision (s4): the rating, who decided it and why, with the person's and family's views.

    The instrument's score suggests a rating; the professional decides. When they differ, the rationale says why.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="rating_decisions")
    rating = models.CharField(max_length=12, choices=DecidedRating.choices)
    decided_on = models.DateField()
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    person_view = models.TextField("What the person said", blank=True)
    family_view = models.TextField("What their family or carers said", blank=True)
    instrument = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    answers = models.JSONField(default=dict, blank=True)
    score = models.IntegerField(null=True, blank=True)
    suggested_rating = models.CharField(max_length=12, choices=DecidedRating.choices, blank=True)
    professional_judgement = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    shared_with_person = models.BooleanField("Shared with the person", default=False)
    shared_with_referrer = models.BooleanField("Shared with the referrer", default=False)
    referral_id = models.IntegerField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} on {self.decided_on}"

    @property
    def differs_from_suggestion(self) -> bool:
        return bool(self.suggested_rating) and self.suggested_rating != self.rating


class ToldBy(models.TextChoices):
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone call"


class OutcomeCommunication(models.Model):
    """Telling the person and the referrer a rating decision (s4; 000 Part 1: within 24 hours of it).

    Recording it writes the clock's `outcome_communicated` event (source "outcome-told:<id>"), which meets the
    obligation the decision raised.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="outcome_communications")
    decision = models.ForeignKey(RatingDecision, on_delete=models.PROTECT, related_name="communications")
    method = models.CharField(max_length=6, choices=ToldBy.choices)
    told_on = models.DateField()
    told_person = models.BooleanField("The person (and their family) were told", default=False)
    told_referrer = models.BooleanField("The referrer was told", default=False)
    who = models.CharField("Who was told", max_length=300, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["told_on", "pk"]

    def __str__(self) -> str:
        return f"Rating told by {self.get_method_display().lower()} on {self.told_on}"


# ------------------------------------------------------------------------------------------------ consent


class ConsentScope(models.TextChoices):
    INCLUSION = "inclusion", "Being on the dynamic support register"
    INFORMATION_SHARING = "information_sharing", "Sharing information with the services involved"
    CETR = "cetr", "Having a Care (Education) and Treatment Review (C(E)TR)"


class GivenBy(models.TextChoices):
    """Who gave consent (s2.4): the person, or for them when they cannot."""

    PERSON = "person", "The person themselves"
    PARENTAL_RESPONSIBILITY = "parental_responsibility", "Someone with parental responsibility"
    LPA = "lpa", "The holder of a health and welfare Lasting Power of Attorney"
    DEPUTY = "deputy", "A court-appointed health and welfare deputy"
    BEST_INTERESTS = "best_interests", "A best interests decision (Mental Capacity Act 2005)"


class ConsentKind(models.TextChoices):
    GIVEN = "given", "Consent given"
    CHECKED = "checked", "Consent checked"
    WITHDRAWN = "withdrawn", "Consent withdrawn"
    REFUSED = "refused", "Consent not given"


class ConsentRecord(models.Model):
    """Consent to be on the register, to share information and to have a C(E)TR (s2.4), and each later check,
    withdrawal or refusal. Given, checked and withdrawn are also events on the person's timeline."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    kind = models.CharField(max_length=10, choices=ConsentKind.choices)
    scopes = models.JSONField(default=list, blank=True)
    given_by = models.CharField(max_length=24, choices=GivenBy.choices, blank=True)
    date = models.DateField()
    capacity_notes = models.TextField(blank=True)
    best_interests_record = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    alternative_offered = models.TextField(blank=True)
    revisit_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date}"

    @property
    def scope_labels(self) -> list[str]:
        labels = dict(ConsentScope.choices)
        return [labels.get(scope, scope) for scope in self.scopes or ()]


# ------------------------------------------------------------------------------------ leaving the register


class ExitReason(models.TextChoices):
    NOT_ELIGIBLE = "not_eligible", "No longer meets the criteria for the register"
    CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
    RISK_REDUCED = "risk_reduced", "Risk has reduced and support is stable"
    MOVED_ICB = "moved_icb", "Moved to another ICB area"
    DIED = "died", "Died"
    OTHER = "other", "Another reason"


class RegisterExit(models.Model):
    """Why and when a person left the register. Their record stays, readable, and is never deleted."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="exits")
    reason = models.CharField(max_length=20, choices=ExitReason.choices)
    left_on = models.DateField()
    notes = models.TextField(blank=True)
    new_icb_name = models.CharField("The ICB they moved to", max_length=200, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-left_on", "-id"]

    def __str__(self) -> str:
        return f"Left on {self.left_on}: {self.get_reason_display()}"
