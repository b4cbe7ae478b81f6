"""Changes made to several records at once still leave a history row on each record they change."""

import datetime as dt

from opendsr.register.models import InstrumentVersion, TimelineEvent
from opendsr.register.services.instruments import add_instrument_version
from opendsr.register.timeline import record_event, void_events
from opendsr.reviews.models import KloeTemplate
from opendsr.reviews.services.directory import save_kloe_template


def test_voiding_a_records_events_leaves_the_voiding_in_each_events_history(person, case_manager):
    received = record_event(
        person=person,
        type="referral_received",
        date=dt.date(2027, 2, 1),
        by=case_manager,
        data={"source": "professional"},
        source="referral:7",
    )
    acknowledged = record_event(
        person=person,
        type="referral_acknowledged",
        date=dt.date(2027, 2, 3),
        by=case_manager,
        source="referral:7",
    )
    assert void_events(person=person, source="referral:7", reason="Recorded in error") == 2
    for event in (received, acknowledged):
        latest = TimelineEvent.history.filter(id=event.pk).latest("history_id")
        assert latest.voided_reason == "Recorded in error" and latest.voided_at is not None
        assert latest.history_type == "~"


def test_a_new_instrument_version_leaves_the_retirement_in_the_old_versions_history(icb, lead):
    default = InstrumentVersion.objects.get(icb=None, slug="default-adult")
    first = add_instrument_version(icb=icb, by=lead, data=dict(default.data, name="Northdale tool"))
    add_instrument_version(icb=icb, by=lead, data=dict(default.data, name="Northdale tool, revised"))
    first.refresh_from_db()
    assert not first.active
    assert [h.active for h in first.history.order_by("history_id")] == [True, False]


def test_new_key_lines_of_enquiry_leave_the_retirement_in_the_old_versions_history(icb, lead):
    def save(prompt):
        return save_kloe_template(
            icb=icb, by=lead, setting="community", population="adult", prompts={"safe": [prompt]}
        )

    first = save("Do you feel safe where you live?")
    save("Who do you go to when you feel unsafe?")
    first.refresh_from_db()
    assert not first.active
    assert [h.active for h in KloeTemplate.history.filter(id=first.pk).order_by("history_id")] == [
        True,
        False,
    ]
