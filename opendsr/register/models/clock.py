"""A person's timeline of events, and the obligations the policy clock derives from it."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from opendsr.accounts.models import User
from opendsr.register.models.person import Person


class DataText(models.Func):
    """One key of an event's `data` as text (the rating of a "stratified" event, the kind of a C(E)TR), its key
    written into the SQL: a database uses an index on an expression only for the same expression, and the same
    key passed as a parameter is not that. Keys are names from the code, never what a user typed.

    Migration 0012 names this class by its path, as Django's migrations name a custom field's: it stays here,
    and its SQL does not change, or the index it built no longer matches what the queries write."""

    output_field = models.CharField()

    def __init__(self, key: str, **extra):
        if not key.isidentifier():
            raise ValueError(f"not a key of data: {key!r}")
        self.key = key
        super().__init__(models.F("data"), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        data, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"({data} ->> '{self.key}')", params
        return f"JSON_EXTRACT({data}, '$.{self.key}')", params


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
        indexes = [
            models.Index(fields=["person", "date"]),
            # The figures count events by type and day, and read each rating's value and each C(E)TR's kind,
            # from this index alone, without reading the events.
            models.Index(
                "type",
                "date",
                "person",
                "voided_at",
                DataText("rating"),
                DataText("kind"),
                name="timeline_measured",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} on {self.date}"


class ObligationBasisManager(models.Manager):
    def text_ids(self, texts) -> dict[str, int]:
        """The id of each text, adding those not stored yet (another writer adding the same text at the same
        time is no error)."""
        wanted = set(texts)
        ids = dict(self.filter(text__in=wanted).values_list("text", "id")) if wanted else {}
        missing = wanted - ids.keys()
        if missing:
            self.bulk_create([ObligationBasis(text=text) for text in missing], ignore_conflicts=True)
            ids.update(self.filter(text__in=missing).values_list("text", "id"))
        return ids


class ObligationBasis(models.Model):
    """The words that cite the policy for an obligation ("s4: an amber rating needs ..."), each stored once.

    The policy clock gives a few dozen such texts, shared by hundreds of thousands of obligations: each
    obligation names its text instead of repeating it, which keeps the obligation table a third of the size.
    """

    text = models.CharField(max_length=300, unique=True)

    objects = ObligationBasisManager()

    def __str__(self) -> str:
        return self.text


class ObligationManager(models.Manager):
    def get_queryset(self):
        # `basis` reads the text of the obligation's basis: fetched with it, never a query per row.
        return super().get_queryset().select_related("basis_ref")


class Obligation(models.Model):
    """Derived data: what the policy clock says is owed for a person. Rebuilt whenever the person changes.

    Status (met, due, overdue) depends on the date, so it is worked out when read, from `due` and `met_on`.
    `ended_on` is set when it stopped being owed unmet because the person left the register; it is then no
    longer open.
    """

    # Found through the (person, is_open) index below, so no index of its own.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="obligations", db_index=False)
    kind = models.CharField(max_length=40)
    raised_on = models.DateField()
    due = models.DateField(null=True, blank=True)
    met_on = models.DateField(null=True, blank=True)
    is_open = models.BooleanField(default=True)
    basis_ref = models.ForeignKey(
        ObligationBasis, on_delete=models.PROTECT, related_name="+", db_column="basis_id", db_index=False
    )
    reasons = models.JSONField(default=list, db_default=[], blank=True)
    raised_by = models.CharField(max_length=60, blank=True)
    met_by = models.CharField(max_length=60, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    objects = ObligationManager()

    class Meta:
        ordering = ["due", "kind"]
        indexes = [
            # Open obligations only (about one in four): the work queues list them by due date, and the ICB
            # overview counts them by kind and due date, for its people, from the second alone (it holds
            # `is_open` too, so that SQLite need not read the row to check it). Queries write
            # `is_open__in=[True]`, as these conditions do, so that the database sees the same test.
            models.Index(fields=["due"], condition=Q(is_open__in=[True]), name="obligation_open_by_due"),
            models.Index(
                fields=["kind", "due", "person", "is_open"],
                condition=Q(is_open__in=[True]),
                name="obligation_open_kind_due",
            ),
            models.Index(fields=["person", "is_open"]),
            # The figures count obligations on time by kind and due date from this index alone.
            models.Index(fields=["kind", "due", "met_on", "ended_on", "person"], name="obligation_on_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} due {self.due}"

    @property
    def basis(self) -> str:
        """The policy the obligation comes from, in words."""
        return self.basis_ref.text

    @basis.setter
    def basis(self, text: str) -> None:
        self.basis_ref_id = ObligationBasis.objects.text_ids([text])[text]
