"""Say who gave consent on the consent events already recorded (policy clock contract version 2: `given_by` on
`consent_given` and `consent_checked`), from the consent records they stand for. A check recorded before checks
asked who confirmed it takes the consent it checked: whoever gave the latest consent on or before it."""

from django.db import migrations
from django.utils import timezone

OTHER_GIVERS = {"parental_responsibility", "lpa", "deputy", "best_interests"}
REASON = "Who gave consent filled in from the consent record"


def _history_row(historical, row, now):
    values = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    return historical(**values, history_date=now, history_type="~", history_change_reason=REASON)


def fill_given_by(apps, schema_editor):
    ConsentRecord = apps.get_model("register", "ConsentRecord")
    HistoricalConsentRecord = apps.get_model("register", "HistoricalConsentRecord")
    TimelineEvent = apps.get_model("register", "TimelineEvent")
    HistoricalTimelineEvent = apps.get_model("register", "HistoricalTimelineEvent")
    now = timezone.now()

    given = {}  # person id -> [(date, id, given_by)] of consent given, oldest first
    for record in ConsentRecord.objects.filter(kind="given").exclude(given_by="").order_by("date", "id"):
        given.setdefault(record.person_id, []).append((record.date, record.pk, record.given_by))

    def giver_before(person_id, on):
        found = [by for date, _, by in given.get(person_id, []) if date <= on]
        return found[-1] if found else "person"

    records = {}
    changed_records = []
    for record in ConsentRecord.objects.filter(kind__in=["given", "checked"]).order_by("date", "id"):
        if not record.given_by:
            record.given_by = giver_before(record.person_id, record.date)
            changed_records.append(record)
        records[record.pk] = record.given_by
    for record in changed_records:
        record.save(update_fields=["given_by"])
    HistoricalConsentRecord.objects.bulk_create(_history_row(HistoricalConsentRecord, r, now) for r in changed_records)

    changed_events = []
    for event in TimelineEvent.objects.filter(type__in=["consent_given", "consent_checked"]):
        data = dict(event.data or {})
        if data.get("given_by") in ("person", "other"):
            continue
        head, _, tail = (event.source or "").partition(":")
        giver = records.get(int(tail)) if head == "consent" and tail.isdigit() else None
        data["given_by"] = "other" if giver in OTHER_GIVERS else "person"
        event.data = data
        changed_events.append(event)
    for event in changed_events:
        event.save(update_fields=["data"])
    HistoricalTimelineEvent.objects.bulk_create(
        _history_row(HistoricalTimelineEvent, e, now) for e in changed_events
    )


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0006_record_versions"),
    ]

    operations = [
        migrations.RunPython(fill_given_by, migrations.RunPython.noop),
    ]
