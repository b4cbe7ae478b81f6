"""Who gave consent reaches the clock: `consent_given` and `consent_checked` say whether it was the person or
someone else for them (policy clock contract version 2), and events recorded before they did are filled in."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from opendsr.register.models import ConsentRecord, TimelineEvent
from opendsr.register.services.consent import record_consent, record_consent_check

pytestmark = pytest.mark.django_db
fill = importlib.import_module("opendsr.register.migrations.0007_consent_events_given_by").fill_given_by


def _given_by(person, type_):
    return [e.data.get("given_by") for e in TimelineEvent.objects.filter(person=person, type=type_)]


def test_consent_from_a_parent_is_given_by_someone_else_and_from_the_person_by_them(
    make_person, case_manager, today
):
    child = make_person(date_of_birth=dt.date(2014, 6, 1))  # 12
    adult = make_person(date_of_birth=dt.date(1990, 6, 1))
    record_consent(
        person=child, by=case_manager, scope=["inclusion"], given_by="parental_responsibility", given_on=today
    )
    record_consent(person=adult, by=case_manager, scope=["inclusion"], given_by="person", given_on=today)
    assert _given_by(child, "consent_given") == ["other"]
    assert _given_by(adult, "consent_given") == ["person"]


def test_a_check_says_who_confirmed_it_or_takes_whoever_gave_the_consent_it_checks(
    make_person, case_manager, today
):
    child = make_person(date_of_birth=dt.date(2014, 6, 1))
    record_consent(
        person=child,
        by=case_manager,
        scope=["inclusion"],
        given_by="parental_responsibility",
        given_on=today - dt.timedelta(days=300),
    )
    record_consent_check(person=child, by=case_manager, checked_on=today - dt.timedelta(days=10))
    record_consent_check(
        person=child,
        by=case_manager,
        checked_on=today,
        given_by="person",
        notes="Understood it with easy-read information",
    )
    assert _given_by(child, "consent_checked") == ["other", "person"]
    assert list(
        ConsentRecord.objects.filter(person=child, kind="checked")
        .order_by("date")
        .values_list("given_by", flat=True)
    ) == ["parental_responsibility", "person"]


def test_a_check_from_someone_the_age_rule_does_not_allow_is_refused(make_person, case_manager, today):
    from django.core.exceptions import ValidationError

    adult = make_person(date_of_birth=dt.date(1990, 6, 1))
    record_consent(person=adult, by=case_manager, scope=["inclusion"], given_by="person", given_on=today)
    with pytest.raises(ValidationError) as refused:
        record_consent_check(
            person=adult, by=case_manager, checked_on=today, given_by="parental_responsibility"
        )
    assert "given_by" in refused.value.message_dict
    assert _given_by(adult, "consent_checked") == []


def test_consent_events_recorded_before_they_said_who_gave_it_are_filled_in(make_person, case_manager, today):
    child = make_person(date_of_birth=dt.date(2014, 6, 1))
    adult = make_person(date_of_birth=dt.date(1990, 6, 1))
    given = ConsentRecord.objects.create(
        person=child, kind="given", given_by="parental_responsibility", date=today, recorded_by=case_manager
    )
    checked = ConsentRecord.objects.create(person=child, kind="checked", date=today, recorded_by=case_manager)
    own = ConsentRecord.objects.create(
        person=adult, kind="given", given_by="person", date=today, recorded_by=case_manager
    )
    for record, person, type_ in (
        (given, child, "consent_given"),
        (checked, child, "consent_checked"),
        (own, adult, "consent_given"),
    ):
        TimelineEvent.objects.create(person=person, date=today, type=type_, source=f"consent:{record.pk}")
    TimelineEvent.objects.create(person=adult, date=today, type="consent_checked")  # no record behind it

    fill(apps, None)

    assert _given_by(child, "consent_given") == ["other"]
    assert _given_by(child, "consent_checked") == ["other"]
    assert sorted(_given_by(adult, "consent_given") + _given_by(adult, "consent_checked")) == [
        "person",
        "person",
    ]
    checked.refresh_from_db()
    assert checked.given_by == "parental_responsibility"
    event = TimelineEvent.objects.get(source=f"consent:{given.pk}")
    assert event.history.filter(history_change_reason__startswith="Who gave consent").exists()
