"""Organisations, teams, the people who use OpenDSR, their roles, and the audit trail."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class OrganisationKind(models.TextChoices):
    ICB = "icb", "Integrated care board"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    PROVIDER = "provider", "Health or care provider"
    EDUCATION = "education", "Education provider"
    VOLUNTARY = "voluntary", "Voluntary sector"


class Region(models.TextChoices):
    """NHS England's seven regions, whose learning disability and autism teams receive ICBs' figures."""

    NONE = "", "Not set"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    MIDLANDS = "midlands", "Midlands"
    NORTH_EAST_YORKSHIRE = "north_east_yorkshire", "North East and Yorkshire"
    NORTH_WEST = "north_west", "North West"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"


SELF_CONSENT_AGE_DEFAULT = 16  # s2.4.2: 16 and 17 year olds are presumed to have capacity
SELF_CONSENT_AGES = range(14, 19)  # 14 (003, Cambridgeshire and Peterborough) to 18 (adulthood)


class Organisation(models.Model):
    """An ICB, or a partner organisation (council, provider) working with one ICB's register."""

    name = models.CharField(max_length=200)
    ods_code = models.CharField("ODS code", max_length=12, blank=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    icb = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partners",
        limit_choices_to={"kind": OrganisationKind.ICB},
        help_text="The ICB whose register a partner organisation works with. Empty for an ICB.",
    )
    # Local consent age rules (s2.4; 003): "national" (16-17 presumed capacity, under 16 Gillick competence
    # or parental responsibility) or "cambridgeshire" (under 14 parents consent; from 14 the young person agrees).
    consent_age_rule = models.CharField(
        max_length=20,
        choices=[
            ("national", "National (s2.4)"),
            ("cambridgeshire", "Under 14 parents; from 14 the young person"),
        ],
        default="national",
    )
    # s2.4: the age from which people give consent to be on the register themselves: 16 nationally; an ICB may
    # set 14, as Cambridgeshire and Peterborough do (003). Consent that someone else gave for a younger person is
    # asked again of the person from this age (the clock's `reconsent_self`).
    self_consent_age = models.PositiveSmallIntegerField(
        "Age from which people give consent themselves",
        default=SELF_CONSENT_AGE_DEFAULT,
        validators=[MinValueValidator(SELF_CONSENT_AGES[0]), MaxValueValidator(SELF_CONSENT_AGES[-1])],
    )
    reminder_days_default = models.PositiveSmallIntegerField(default=7)
    # Appendix 9: regional teams see every ICB's anonymised figures side by side.
    region = models.CharField("NHS England region", max_length=24, choices=Region.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def home_icb(self) -> "Organisation":
        return self if self.kind == OrganisationKind.ICB else self.icb


class Team(models.Model):
    name = models.CharField(max_length=200)
    icb = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="own_teams", null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    DSR_LEAD = "dsr_lead", "DSR lead"
    CASE_MANAGER = "case_manager", "Case manager"
    PROFESSIONAL = "professional", "Professional contributor"
    PANEL_MEMBER = "panel_member", "C(E)TR panel member"
    OVERSIGHT_PANEL = "oversight_panel", "Oversight panel member"
    ANALYST = "analyst", "Analyst"
    REGIONAL = "regional", "Regional team"


class Profession(models.TextChoices):
    NONE = "", "Not applicable"
    CLINICIAN = "clinician", "Clinician"
    SOCIAL_WORKER = "social_worker", "Social worker"
    EDUCATION = "education", "Education"
    KEYWORKER = "keyworker", "Keyworker"
    COMMISSIONER = "commissioner", "Commissioner"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is needed")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """Someone who uses OpenDSR. They log in with their email address, a password and a TOTP code."""

    username = None
    email = models.EmailField("Email address", unique=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    icb = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="icb_users",
        null=True,
        blank=True,
        help_text="The ICB whose register this user works on.",
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PROFESSIONAL)
    profession = models.CharField(max_length=20, choices=Profession.choices, blank=True, default="")
    job_title = models.CharField(max_length=120, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    reminder_opt_out = models.BooleanField("No daily reminder email", default=False)
    reminder_days = models.PositiveSmallIntegerField(
        "Remind me of what is due within this many days", default=7
    )
    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email


def action_label(action: str) -> str:
    """An audit action in words: "person.viewed" reads "person viewed"."""
    return action.replace(".", " ").replace("_", " ")


class AuditTrailIsAppendOnly(PermissionError):
    """Raised when code tries to change or remove a line of the audit trail."""

    def __init__(self):
        super().__init__("Audit events are append-only: they cannot be changed or deleted")


class AuditEventQuerySet(models.QuerySet):
    """Refuses the bulk writes that would change or remove audit rows (the database refuses them too)."""

    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly()

    def delete(self):
        raise AuditTrailIsAppendOnly()

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditTrailIsAppendOnly()

    delete.queryset_only = True


class AuditEvent(models.Model):
    """One line of the append-only audit trail: who did what, to whose record, when.

    Rows are never changed or deleted: `save` refuses an update, `delete` refuses outright, the queryset refuses
    `update()` and `delete()`, and a database trigger refuses UPDATE and DELETE from any other client.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    user_label = models.CharField(max_length=254, blank=True)
    icb = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=60, db_index=True)
    person = models.ForeignKey(
        "register.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    summary = models.CharField(max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    path = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "-at"]), models.Index(fields=["icb", "-at"])]
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"{self.user_label} {self.action} at {self.at}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AuditTrailIsAppendOnly()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly()

    @property
    def who(self) -> str:
        """The name of the person who did it, as the audit log shows it."""
        if self.user_id is not None:
            return self.user.display_name
        return "OpenDSR" if self.user_label in ("", "system") else self.user_label

    @property
    def action_words(self) -> str:
        return action_label(self.action).capitalize()
