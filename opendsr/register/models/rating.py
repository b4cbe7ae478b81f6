"""Risk stratification (s4): the instruments, the rating decisions, and telling the person and the referrer."""

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import Organisation, User
from opendsr.register.models.person import Person


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
    """Telling the person and the referrer a rating decision (s4; 000 Part 1: within 24 hours of it, "by letter,
    email or phone"), recorded on the rating page or, told by phone, on the referral it was decided for
    (`referral_id`).

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
    # The referral the outcome was told for, when told from its page (referrals sit above the register).
    referral_id = models.IntegerField(null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["told_on", "pk"]

    def __str__(self) -> str:
        return f"Rating told by {self.get_method_display().lower()} on {self.told_on}"

    @property
    def source_ref(self) -> str:
        return f"outcome-told:{self.pk}"
