"""Merging two records of one person, and undoing it exactly, with every kind of record a person can have."""

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from opendsr.accounts.models import AuditEvent
from opendsr.records import relations, services
from opendsr.records.services.merging import snapshot
from opendsr.register import obligations
from opendsr.register.models import Obligation, Person, RegisterStatus, TimelineEvent
from opendsr.register.timeline import record_event
from tests.test_authorisation_matrix import make_for_person

TODAY = dt.date(2027, 3, 1)


def test_every_relation_to_a_person_is_handled_by_a_merge():
    """Fails when someone adds a ForeignKey to a person and does not say what a merge does with it."""
    assert relations.unhandled() == []
    found = {r.label for r in relations.person_relations()}
    named = set(relations.MOVED) | set(relations.STAYS) | relations.RECOMPUTED
    assert named - found == set(), "names a relation that no longer exists"
    assert {r.label for r in relations.moved_relations()} == set(relations.MOVED)


def test_a_relation_nobody_named_stops_a_merge(monkeypatch, lead, make_person):
    """As if a ForeignKey to a person had been added and the merge not told what to do with it."""
    left_out = relations.MOVED[0]
    monkeypatch.setattr(relations, "MOVED", relations.MOVED[1:])
    assert relations.unhandled() == [left_out]
    with pytest.raises(ImproperlyConfigured, match="does not know what to do with: " + left_out):
        services.merge(survivor=make_person(), merged=make_person(), by=lead)


def _rows_of(person):
    return {
        r.label: set(r.model._base_manager.filter(**{r.field: person}).values_list("pk", flat=True))
        for r in relations.moved_relations()
    }


def _values(person):
    values = snapshot(Person.objects.get(pk=person.pk))
    for name in ("version", "updated_at"):
        values.pop(name)
    return values


def test_merge_and_unmerge_round_trip_with_every_related_record(lead, make_person, team):
    survivor = make_person(
        given_name="Ada", family_name="Lovelace", date_of_birth=dt.date(1995, 12, 10), team=team
    )
    merged = make_person(
        given_name="Ada",
        family_name="Lovelase",
        date_of_birth=dt.date(1995, 12, 10),
        status=RegisterStatus.REFERRED,
        postcode="NE1 4ST",
        phone="0191 000 0000",
    )
    for relation in relations.moved_relations():
        if relation.model is not TimelineEvent:  # a real event below: the clock reads it
            make_for_person(relation.model, merged)
    record_event(person=merged, type="mdt_held", date=TODAY - dt.timedelta(days=3))
    survivor_rows, merged_rows = _rows_of(survivor), _rows_of(merged)
    assert all(merged_rows.values()), [label for label, ids in merged_rows.items() if not ids]
    before = {"survivor": _values(survivor), "merged": _values(merged)}
    audit_before = set(AuditEvent.objects.filter(person=merged).values_list("pk", flat=True))

    record = services.merge(
        survivor=survivor, merged=merged, by=lead, take_from_merged=["postcode"], reason="Referred twice"
    )

    survivor.refresh_from_db()
    merged.refresh_from_db()
    after = _rows_of(survivor)
    for label, ids in merged_rows.items():
        assert ids <= after[label], f"{label} did not move to the surviving record"
    made_by_merge = {
        "register.RegisterExit.person": set(merged.exits.values_list("pk", flat=True)),
        "register.TimelineEvent.person": set(
            TimelineEvent.objects.filter(source=f"merge:{record.pk}").values_list("pk", flat=True)
        ),
    }
    assert all(made_by_merge.values())
    assert _rows_of(merged) == {label: made_by_merge.get(label, set()) for label in merged_rows}
    assert survivor.postcode == "NE1 4ST"
    assert survivor.phone == ""  # the kept record's own value, empty or not, unless chosen
    assert merged.status == RegisterStatus.LEFT
    assert f"Merged into Ada Lovelace's record (record {survivor.pk})" in merged.exits.first().notes
    assert (
        set(AuditEvent.objects.filter(person=merged, pk__in=audit_before).values_list("pk", flat=True))
        == audit_before
    )
    assert AuditEvent.objects.filter(person=survivor, action="person.merged").exists()
    assert AuditEvent.objects.filter(person=merged, action="person.merged_away").exists()
    assert not Obligation.objects.filter(person=merged, is_open=True).exists()
    assert record.moved_count == sum(len(ids) for ids in merged_rows.values())

    services.unmerge(merge_record=record, by=lead, reason="Twins, not one person")

    assert _rows_of(survivor) == survivor_rows
    assert _rows_of(merged) == {
        label: ids | made_by_merge.get(label, set()) for label, ids in merged_rows.items()
    }
    assert _values(survivor) == before["survivor"]
    assert _values(merged) == before["merged"]
    assert not TimelineEvent.objects.filter(
        person=merged, source=f"merge:{record.pk}", voided_at__isnull=True
    ).exists()
    assert AuditEvent.objects.filter(person=survivor, action="person.unmerged").exists()
    assert AuditEvent.objects.filter(person=merged, action="person.unmerged").exists()
    record.refresh_from_db()
    assert record.unmerged_by == lead
    assert record.history.count() == 2
    # The obligations are what the restored timelines give.
    assert obligations.refresh_for(survivor).changed is False
    assert obligations.refresh_for(merged).changed is False


def test_the_surviving_record_can_take_the_other_records_nhs_number(lead, make_person):
    survivor = make_person(nhs_number="")
    merged = make_person(nhs_number="9434765919")
    record = services.merge(survivor=survivor, merged=merged, by=lead, take_from_merged=["nhs_number"])
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert (survivor.nhs_number, merged.nhs_number) == ("9434765919", "")
    services.unmerge(merge_record=record, by=lead, reason="Not the same")
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert (survivor.nhs_number, merged.nhs_number) == ("", "9434765919")


def test_a_merged_away_record_cannot_be_merged_again_and_a_merge_is_undone_once(lead, make_person):
    first, second, third = make_person(), make_person(), make_person()
    record = services.merge(survivor=first, merged=second, by=lead)
    with pytest.raises(ValidationError, match="already been merged"):
        services.merge(survivor=third, merged=second, by=lead)
    services.unmerge(merge_record=record, by=lead, reason="Mistake")
    with pytest.raises(ValidationError, match="already been undone"):
        services.unmerge(merge_record=record, by=lead, reason="Again")


def test_records_of_two_icbs_are_not_merged(lead, make_person, other_icb):
    with pytest.raises(ValidationError, match="same register"):
        services.merge(survivor=make_person(), merged=make_person(icb=other_icb), by=lead)


def test_both_records_on_one_meeting_agenda_are_not_merged_until_one_is_taken_off(lead, make_person):
    from opendsr.meetings.models import DsrMeetingItem

    survivor, merged = make_person(), make_person()
    item = make_for_person(DsrMeetingItem, survivor)
    DsrMeetingItem.objects.create(
        **{
            **{
                f.attname: getattr(item, f.attname)
                for f in DsrMeetingItem._meta.concrete_fields
                if not f.primary_key
            },
            "person_id": merged.pk,
        }
    )
    with pytest.raises(ValidationError, match="cannot be merged yet"):
        services.merge(survivor=survivor, merged=merged, by=lead)
    assert merged.__class__.objects.get(pk=merged.pk).status == RegisterStatus.ACTIVE
