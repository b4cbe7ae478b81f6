"""An outcome told by phone before the tellings were kept together is still there after the upgrade: on the
referral's page, in the communication log, and as what met the obligation, with its history."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from opendsr.communication import services as communication
from opendsr.register.models import Obligation, OutcomeCommunication, TimelineEvent
from opendsr.register.services.rating import record_rating
from opendsr.register.timeline import record_event
from tests.referrals.factories import ReferralFactory

BEFORE = [("referrals", "0006_letter_versions_for_easy_read")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_an_outcome_call_moves_with_its_history_and_what_it_met(login, case_manager, lead, person):
    old = _migrate(BEFORE)
    OutcomeCall = old.get_model("referrals", "OutcomeCall")
    HistoricalOutcomeCall = old.get_model("referrals", "HistoricalOutcomeCall")
    referral = ReferralFactory(person=person, acknowledged_on=dt.date(2027, 2, 25))
    decision = record_rating(
        person=person,
        by=case_manager,
        rating="amber",
        decided_on=dt.date(2027, 2, 26),
        rationale="Placement at risk.",
        referral_id=referral.pk,
    )
    called_at = timezone.make_aware(dt.datetime(2027, 2, 27, 10, 30))
    call = OutcomeCall.objects.create(
        person_id=person.pk,
        decision_id=decision.pk,
        referral_id=referral.pk,
        told_on=dt.date(2027, 2, 27),
        told_who="Alex and their mother",
        notes="Explained what amber means.",
        recorded_by_id=case_manager.pk,
    )
    OutcomeCall.objects.filter(pk=call.pk).update(recorded_at=called_at)
    call.refresh_from_db()
    fields = {f.attname: getattr(call, f.attname) for f in call._meta.concrete_fields}
    HistoricalOutcomeCall.objects.create(
        **fields, history_date=called_at, history_type="+", history_user_id=case_manager.pk
    )
    HistoricalOutcomeCall.objects.create(
        **{**fields, "notes": "Explained what amber means. Their mother agreed."},
        history_date=called_at + dt.timedelta(hours=1),
        history_type="~",
        history_user_id=lead.pk,
    )
    record_event(
        person=person,
        type="outcome_communicated",
        date=dt.date(2027, 2, 27),
        by=case_manager,
        source=f"outcome_call:{call.pk}",
    )
    communication.log(
        person=person,
        what="Outcome told: amber",
        method="phone",
        to_whom="other",
        to_name="Alex and their mother",
        body="Explained what amber means.",
        sent_on=dt.date(2027, 2, 27),
        by=case_manager,
        source=f"outcome-call:{call.pk}",
    )

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    told = OutcomeCommunication.objects.get(person=person)
    assert (told.decision_id, told.referral_id, told.method) == (decision.pk, referral.pk, "phone")
    assert (told.told_on, told.who, told.notes) == (
        dt.date(2027, 2, 27),
        "Alex and their mother",
        "Explained what amber means.",
    )
    assert (told.recorded_by, told.recorded_at) == (case_manager, called_at)
    history = list(told.history.order_by("history_date"))
    assert [(h.history_type, h.history_user, h.history_date) for h in history] == [
        ("+", case_manager, called_at),
        ("~", lead, called_at + dt.timedelta(hours=1)),
    ]
    assert history[-1].notes == "Explained what amber means. Their mother agreed."
    event = TimelineEvent.objects.get(person=person, type="outcome_communicated")
    assert event.source == told.source_ref
    assert Obligation.objects.get(person=person, kind="communicate_outcome").met_by == told.source_ref
    assert person.communications.get().source == told.source_ref

    client = login(case_manager)
    page = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "The outcome (amber) told to Alex and their mother on 27 February 2027" in page
    log = client.get(f"/people/{person.pk}/communication/").content.decode()
    assert log.count("Alex and their mother") == 1  # once, not again as a telling of the rating
    assert "Rating decision told" not in log
