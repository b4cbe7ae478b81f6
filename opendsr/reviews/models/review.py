"""A C(E)TR and what leads to one: its kind and pathway, requests for a review and declines."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr import policy
from opendsr.accounts.models import User
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


class Gender(models.TextChoices):
    NOT_SAID = "", "Not said"
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"


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
