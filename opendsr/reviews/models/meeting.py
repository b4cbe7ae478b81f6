"""What a meeting records: findings against the key lines of enquiry, safeguarding concerns and actions."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from opendsr import policy
from opendsr.accounts.models import Organisation, User
from opendsr.register.models import Person
from opendsr.reviews.models.review import Review


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
