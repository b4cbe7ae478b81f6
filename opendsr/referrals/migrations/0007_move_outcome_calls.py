"""Keep each outcome told by phone from a referral with the other tellings of a rating (register's
OutcomeCommunication): the same person, decision, date, who was told, what was said, who recorded it and when, and
the referral as `referral_id`. Its history moves with it. The clock events, obligations and communication log
entries that named the call ("outcome_call:<id>", "outcome-call:<id>") name the telling ("outcome-told:<id>")."""

from django.db import migrations
from django.utils import timezone

REASON = "Kept with the other tellings of the rating"


def move_outcome_calls(apps, schema_editor):
    OutcomeCall = apps.get_model("referrals", "OutcomeCall")
    HistoricalOutcomeCall = apps.get_model("referrals", "HistoricalOutcomeCall")
    OutcomeCommunication = apps.get_model("register", "OutcomeCommunication")
    HistoricalOutcomeCommunication = apps.get_model("register", "HistoricalOutcomeCommunication")
    TimelineEvent = apps.get_model("register", "TimelineEvent")
    HistoricalTimelineEvent = apps.get_model("register", "HistoricalTimelineEvent")
    Obligation = apps.get_model("register", "Obligation")
    Communication = apps.get_model("communication", "Communication")

    renamed = {}  # an old source -> the new one
    for call in OutcomeCall.objects.order_by("pk"):
        told = OutcomeCommunication.objects.create(
            person_id=call.person_id,
            decision_id=call.decision_id,
            method="phone",
            told_on=call.told_on,
            told_person=False,
            told_referrer=False,
            who=call.told_who,
            notes=call.notes,
            referral_id=call.referral_id,
            recorded_by_id=call.recorded_by_id,
        )
        # recorded_at is set on creation: put back when the call was recorded.
        OutcomeCommunication.objects.filter(pk=told.pk).update(recorded_at=call.recorded_at)
        history = list(HistoricalOutcomeCall.objects.filter(id=call.pk).order_by("history_date", "history_id"))
        HistoricalOutcomeCommunication.objects.bulk_create(
            HistoricalOutcomeCommunication(
                id=told.pk,
                person_id=old.person_id,
                decision_id=old.decision_id,
                method="phone",
                told_on=old.told_on,
                told_person=False,
                told_referrer=False,
                who=old.told_who,
                notes=old.notes,
                referral_id=old.referral_id,
                recorded_by_id=old.recorded_by_id,
                recorded_at=old.recorded_at,
                history_date=old.history_date,
                history_type=old.history_type,
                history_user_id=old.history_user_id,
                history_change_reason=old.history_change_reason,
            )
            for old in history
        )
        if not history:
            HistoricalOutcomeCommunication.objects.create(
                id=told.pk,
                person_id=call.person_id,
                decision_id=call.decision_id,
                method="phone",
                told_on=call.told_on,
                told_person=False,
                told_referrer=False,
                who=call.told_who,
                notes=call.notes,
                referral_id=call.referral_id,
                recorded_by_id=call.recorded_by_id,
                recorded_at=call.recorded_at,
                history_date=call.recorded_at,
                history_type="+",
                history_user_id=call.recorded_by_id,
                history_change_reason=REASON,
            )
        renamed[f"outcome_call:{call.pk}"] = f"outcome-told:{told.pk}"
        renamed[f"outcome-call:{call.pk}"] = f"outcome-told:{told.pk}"

    if not renamed:
        return
    events = list(TimelineEvent.objects.filter(source__in=renamed))
    for event in events:
        event.source = renamed[event.source]
        event.save(update_fields=["source"])
    HistoricalTimelineEvent.objects.bulk_create(
        HistoricalTimelineEvent(
            **{field.attname: getattr(event, field.attname) for field in event._meta.concrete_fields},
            history_date=timezone.now(),
            history_type="~",
            history_change_reason=REASON,
        )
        for event in events
    )
    for field in ("raised_by", "met_by"):
        for obligation in Obligation.objects.filter(**{f"{field}__in": renamed}):
            setattr(obligation, field, renamed[getattr(obligation, field)])
            obligation.save(update_fields=[field])
    for entry in Communication.objects.filter(source__in=renamed):
        entry.source = renamed[entry.source]
        entry.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0006_letter_versions_for_easy_read"),
        ("register", "0009_outcome_told_for_a_referral"),
        ("communication", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_outcome_calls, migrations.RunPython.noop),
    ]
