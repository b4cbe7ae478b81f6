"""Care (Education) and Treatment Reviews: the request, the review itself, its panel, the people invited,
what the panel found, safeguarding concerns, the recommendations and the report (policy s12-s16; 000;
Appendices 3, 5, 6 and 11).

When a review is due comes from the policy clock (register.Obligation); these records are what the local
system did about it. Holding a review writes the clock's `cetr_held` event (source "review:<id>"), sending its
report writes `cetr_report_sent` ("review-report:<id>"), and a decline writes `cetr_declined`
("decline:<id>").
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr import policy
from opendsr.accounts.models import Organisation, User
from opendsr.register.models import Person, RatingDecision

# The kinds of C(E)TR are the policy's (`opendsr.policy.ReviewKind`, the clock's `cetr_held` kinds); here they
# only gain the names a page shows, so the two can never drift apart.
REVIEW_KIND_NAMES = {
    policy.ReviewKind.COMMUNITY: "Community C(E)TR",
    policy.ReviewKind.POST_ADMISSION: "Post-admission C(E)TR",
    policy.ReviewKind.INPATIENT: "Inpatient C(E)TR",
    policy.ReviewKind.TRANSFER: "Transfer C(E)TR",
    policy.ReviewKind.DIAGNOSIS: "C(E)TR after a diagnosis in hospital",
    policy.ReviewKind.DIAGNOSIS_REMOVAL: "C(E)TR before removing a diagnosis",
    policy.ReviewKind.POST_DISCHARGE: "Post-discharge C(E)TR",
    policy.ReviewKind.REQUESTED: "Requested C(E)TR",
    policy.ReviewKind.INDEPENDENT: "Independent C(E)TR (long-term segregation)",
}
ReviewKind = models.TextChoices(
    "ReviewKind", [(kind.name, (kind.value, REVIEW_KIND_NAMES[kind])) for kind in policy.ReviewKind]
)


INPATIENT_KINDS = frozenset(
    {
        ReviewKind.POST_ADMISSION,
        ReviewKind.INPATIENT,
        ReviewKind.TRANSFER,
        ReviewKind.DIAGNOSIS,
        ReviewKind.DIAGNOSIS_REMOVAL,
        ReviewKind.INDEPENDENT,
    }
)


class ReviewPathway(models.TextChoices):
    CTR = "ctr", "Care and Treatment Review (CTR)"
    CETR = "cetr", "Care, Education and Treatment Review (CETR)"


class ReviewStatus(models.TextChoices):
    PLANNING = "planning", "Being organised"
    HELD = "held", "Held, report to follow"
    COMPLETED = "completed", "Report sent"
    CANCELLED = "cancelled", "Cancelled"


class ReviewSettings(models.Model):
    """Per-ICB settings for reviews: panel fees (Appendix 11 defaults) and how long induction training lasts."""

    icb = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="review_settings")
    chair_fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    clinical_expert_fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("350"))
    expert_by_experience_fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("250"))
    training_valid_months = models.PositiveIntegerField(
        "Induction training is current for (months)", default=24
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


class Gender(models.TextChoices):
    NOT_SAID = "", "Not said"
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"


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


class RequestedBy(models.TextChoices):
    PERSON = "person", "The person"
    FAMILY = "family", "Family or carer"
    COMMISSIONER = "commissioner", "Commissioner"
    ADVOCATE = "advocate", "Advocate"
    INPATIENT_TEAM = "inpatient_team", "Inpatient team"
    COMMUNITY_TEAM = "community_team", "Community team"
    OTHER = "other", "Someone else"


class Decision(models.TextChoices):
    PENDING = "", "Not decided yet"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"


class AppealOutcome(models.TextChoices):
    PENDING = "", "Not decided yet"
    UPHELD = "upheld", "Appeal upheld: the review will go ahead"
    NOT_UPHELD = "not_upheld", "Appeal not upheld"


class ReviewRequest(models.Model):
    """A request for a C(E)TR sooner than it is due (s13.2), its decision and any appeal."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="review_requests")
    requested_on = models.DateField()
    requested_by = models.CharField(max_length=20, choices=RequestedBy.choices)
    requester_name = models.CharField(max_length=200, blank=True)
    reason = models.TextField("Why they asked")
    first_steps = models.TextField("What was done first to address the concern", blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decision_reasons = models.TextField(blank=True)
    communicated_on = models.DateField("Decision communicated", null=True, blank=True)
    appealed_on = models.DateField(null=True, blank=True)
    appeal_grounds = models.TextField(blank=True)
    appeal_outcome = models.CharField(max_length=12, choices=AppealOutcome.choices, blank=True)
    appeal_decided_on = models.DateField(null=True, blank=True)
    appeal_reasons = models.TextField(blank=True)
    review = models.ForeignKey(
        "Review", on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )  # the review organised because of it
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"C(E)TR request for {self.person} on {self.requested_on}"


class ReviewDecline(models.Model):
    """The person declined a C(E)TR (s2.4.3): the reasons, the alternative offered, when to ask again."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="review_declines")
    review = models.ForeignKey(
        "Review", on_delete=models.PROTECT, null=True, blank=True, related_name="declines"
    )
    declined_on = models.DateField()
    reasons = models.TextField()
    alternative_offered = models.TextField(blank=True)  # e.g. a desktop review
    revisit_on = models.DateField("When to ask again", null=True, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-declined_on", "-pk"]

    def __str__(self) -> str:
        return f"C(E)TR declined by {self.person} on {self.declined_on}"


class Review(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    pathway = models.CharField(max_length=4, choices=ReviewPathway.choices)  # from the policy core
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PLANNING)
    meets = models.CharField(max_length=40, blank=True)  # the clock obligation kind it was organised for
    due_by = models.DateField(null=True, blank=True)  # that obligation's due date when it was organised
    # When and where
    scheduled_for = models.DateField("Date of the review", null=True, blank=True)
    starts_at = models.TimeField("Start time", null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    video_link = models.URLField(max_length=500, blank=True)
    reasonable_adjustments = models.TextField(blank=True)
    interpreter_language = models.CharField("Interpreter needed (language)", max_length=100, blank=True)
    bsl_needed = models.BooleanField("British Sign Language interpreter needed", default=False)
    preferred_gender = models.CharField(
        "They would like a panel member who is a", max_length=12, choices=Gender.choices, blank=True
    )
    # Lead-time checklist (000; s16): each date records when the step was done
    consent_confirmed_on = models.DateField("Consent for the review confirmed", null=True, blank=True)
    advocacy_notified_on = models.DateField("Advocacy provider told", null=True, blank=True)
    panel_confirmed_on = models.DateField("Panel confirmed", null=True, blank=True)
    panel_details_sent_on = models.DateField("Panel names sent to the person", null=True, blank=True)
    papers_shared_on = models.DateField("Papers shared with the panel", null=True, blank=True)
    same_panel_next_time = models.BooleanField("Wants the same panel next time", null=True, blank=True)
    # The meeting
    held_on = models.DateField(null=True, blank=True)
    why_not_community = models.TextField("Why care cannot be given in the community", blank=True)
    rating_decision = models.OneToOneField(
        RatingDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="review"
    )
    previous_actions_notes = models.TextField(
        "What the panel found about the last review's actions", blank=True
    )
    # The report
    lead_contact = models.CharField("Who to contact about the review", max_length=300, blank=True)
    summary = models.TextField("Summary in plain words", blank=True)
    no_actions_reason = models.TextField("Why there are no actions", blank=True)
    report_approved_on = models.DateField(null=True, blank=True)
    report_approved_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    report_sent_on = models.DateField(null=True, blank=True)
    report_sent_to = models.TextField(blank=True)
    cancelled_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-scheduled_for", "-pk"]
        indexes = [models.Index(fields=["status", "scheduled_for"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"

    @property
    def is_inpatient_review(self) -> bool:
        return self.kind in INPATIENT_KINDS


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


class Question(models.TextChoices):
    """The six questions of the key lines of enquiry (Appendix 3)."""

    SAFE = "safe", "Am I safe?"
    CARE = "care", "What is my current care like?"
    DAILY_LIFE = "daily_life", "What is my daily life like?"
    PHYSICAL_HEALTH = "physical_health", "Are my physical health needs met?"
    FUTURE = "future", "Is there a plan for my future?"
    HOSPITAL = "hospital", "Do I need to be in hospital?"


class KloeSetting(models.TextChoices):
    COMMUNITY = "community", "Community"
    INPATIENT = "inpatient", "Inpatient"


class KloePopulation(models.TextChoices):
    CHILD = "child", "Children and young people"
    ADULT = "adult", "Adults"


class KloeTemplate(models.Model):
    """Key lines of enquiry for one setting and population, editable by the DSR lead. `prompts` maps each
    Question value to a list of prompts; a new version is saved on each edit and reviews keep theirs."""

    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="kloe_templates")
    setting = models.CharField(max_length=10, choices=KloeSetting.choices)
    population = models.CharField(max_length=6, choices=KloePopulation.choices)
    prompts = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["setting", "population", "-version"]

    def __str__(self) -> str:
        return f"Key lines of enquiry: {self.get_setting_display()}, {self.get_population_display()} (version {self.version})"


class Finding(models.Model):
    """What the panel found under one of the six questions."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="findings")
    question = models.CharField(max_length=20, choices=Question.choices)
    template = models.ForeignKey(
        KloeTemplate, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    findings = models.TextField(blank=True)
    person_said = models.TextField("What the person said", blank=True)
    family_said = models.TextField("What the family said", blank=True)
    evidence = models.TextField(blank=True)
    differing_opinions = models.TextField("Where the panel disagreed", blank=True)
    human_rights_concerns = models.TextField(blank=True)
    not_discussed = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "question"], name="one_finding_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.get_question_display()} ({self.review})"

    @property
    def person(self):
        return self.review.person


SAFEGUARDING_LEVEL_NAMES = {  # the policy's four levels (Appendix 6), as a chair reads them
    policy.SafeguardingLevel.HALT: "Unsafe to stay where they are: halt the review, refer the same day",
    policy.SafeguardingLevel.URGENT: "Needs urgent attention: raise now, refer the same day",
    policy.SafeguardingLevel.AT_CONCLUSION: "Needs a response: raise before the panel leaves, refer the next day",
    policy.SafeguardingLevel.AFTER: "Found in the days after the review: the chair refers",
}
SafeguardingLevel = models.TextChoices(
    "SafeguardingLevel",
    [(level.name, (level.value, SAFEGUARDING_LEVEL_NAMES[level])) for level in policy.SafeguardingLevel],
)


class SafeguardingConcern(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="safeguarding_concerns")
    raised_on = models.DateField()
    level = models.CharField(max_length=14, choices=SafeguardingLevel.choices)
    concern = models.TextField()
    action_taken = models.TextField(blank=True)
    referred_to_local_authority_on = models.DateField(null=True, blank=True)
    cqc_notified_on = models.DateField("CQC notified", null=True, blank=True)
    told_whom = models.TextField("Who was told", blank=True)
    told_at = models.DateTimeField("When they were told", null=True, blank=True)
    review_resumed = models.BooleanField(default=False)  # after a halt (Appendix 6, level 1)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["raised_on", "pk"]

    def __str__(self) -> str:
        return f"Safeguarding concern raised on {self.raised_on}"

    @property
    def person(self):
        return self.review.person


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    NOT_DONE = "not_done", "Not done"


class ReviewAction(models.Model):
    """A SMART recommendation from a review: what, who (person and organisation), by when (s16.6; Appendix 3 standards 5.10, 5.11)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="actions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="review_actions")
    text = models.TextField("What needs to happen")
    question = models.CharField(max_length=20, choices=Question.choices, blank=True)
    owner_name = models.CharField("Named owner", max_length=200)
    owner_organisation = models.CharField(max_length=200)
    owner_user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    outcome_note = models.TextField("What happened, or why it was not done", blank=True)
    last_reviewed_on = models.DateField("Last reviewed at the multi-agency meeting", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["person", "status", "due"])]

    def __str__(self) -> str:
        return f"{self.text[:60]} (due {self.due})"
