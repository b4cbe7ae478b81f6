"""The register's services: what a case manager records, and the dates and statuses that follow from it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from opendsr.accounts.models import AuditEvent
from opendsr.policy import load_default_instruments
from opendsr.register import queries
from opendsr.register.models import (
    ConsentKind,
    InstrumentVersion,
    Obligation,
    RegisterExit,
    RegisterStatus,
    TimelineEvent,
)
from opendsr.register.nhs_numbers import test_range
from opendsr.register.services.carers import add_carer, update_carer
from opendsr.register.services.consent import (
    record_consent,
    record_consent_check,
    record_consent_refused,
    withdraw_consent,
)
from opendsr.register.services.instruments import add_instrument_version
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.services.people import create_person, update_person
from opendsr.register.services.rating import record_rating

pytestmark = pytest.mark.django_db


def adult_instrument():
    return InstrumentVersion.objects.get(icb=None, slug="default-adult")


def answers_scoring(instrument, target: int) -> dict:
    """Answers whose weights add up to `target` (greedy over each item's heaviest option)."""
    chosen, remaining = {}, target
    for item in instrument.data["items"]:
        options = sorted(item["options"], key=lambda o: o["weight"])
        pick = options[0]
        for option in options:
            if option["weight"] <= remaining:
                pick = option
        chosen[item["id"]] = pick["id"]
        remaining -= pick["weight"]
    assert remaining == 0, "could not reach the target score"
    return chosen


def open_obligations(person):
    return {o.kind: o for o in Obligation.objects.filter(person=person, is_open=True)}


# ------------------------------------------------------------------------------------------------ people


def test_create_person_starts_as_referred_and_is_audited(icb, case_manager, team):
    number = next(test_range(700_000))
    person = create_person(
        icb=icb,
        by=case_manager,
        team=team,
        nhs_number=f"{number[:3]} {number[3:6]} {number[6:]}",
        given_name="Robin",
        family_name="Hale",
        date_of_birth=dt.date(2001, 2, 3),
        diagnosis="autistic",
    )
    assert person.status == RegisterStatus.REFERRED
    assert person.nhs_number == number
    assert AuditEvent.objects.filter(action="person.created", person=person, user=case_manager).exists()


def test_create_person_refuses_an_invalid_or_repeated_nhs_number(icb, case_manager, make_person):
    with pytest.raises(ValidationError) as invalid:
        create_person(
            icb=icb,
            by=case_manager,
            nhs_number="1234567890",
            given_name="A",
            family_name="B",
            date_of_birth=dt.date(2000, 1, 1),
            diagnosis="autistic",
        )
    assert "valid 10-digit NHS number" in str(invalid.value)
    existing = make_person()
    with pytest.raises(ValidationError) as repeated:
        create_person(
            icb=icb,
            by=case_manager,
            nhs_number=existing.nhs_number,
            given_name="A",
            family_name="B",
            date_of_birth=dt.date(2000, 1, 1),
            diagnosis="autistic",
        )
    assert "already on your register" in str(repeated.value)


def test_the_same_nhs_number_may_be_on_another_icbs_register(icb, other_icb, case_manager, make_person):
    elsewhere = make_person(icb=other_icb)
    person = create_person(
        icb=icb,
        by=case_manager,
        nhs_number=elsewhere.nhs_number,
        given_name="A",
        family_name="B",
        date_of_birth=dt.date(2000, 1, 1),
        diagnosis="autistic",
    )
    assert person.icb == icb


def test_find_duplicates_matches_nhs_number_or_name_and_birth_date_ignoring_case(icb, other_icb, make_person):
    ann = make_person(given_name="Ann", family_name="Lee", date_of_birth=dt.date(2005, 5, 5))
    make_person(icb=other_icb, given_name="Ann", family_name="Lee", date_of_birth=dt.date(2005, 5, 5))
    make_person(given_name="Ann", family_name="Lee", date_of_birth=dt.date(2005, 5, 6))
    assert queries.find_duplicates(icb=icb, nhs_number=ann.nhs_number) == [ann]
    assert queries.find_duplicates(
        icb=icb, family_name="LEE", given_name="ann", date_of_birth=dt.date(2005, 5, 5)
    ) == [ann]
    assert queries.find_duplicates(icb=icb, family_name="Lee") == []


def test_update_person_audits_the_fields_changed_and_refreshes_the_clock(
    icb, case_manager, make_person, today
):
    person = make_person(date_of_birth=dt.date(2004, 1, 1))  # 23: adult unless an EHCP keeps them on CYP
    record_rating(
        person=person, by=case_manager, rating="red", decided_on=today, rationale="Placement breaking down"
    )
    assert "community_cetr" in open_obligations(person)
    changed = update_person(person=person, by=case_manager, has_ehcp=True, phone="01234")
    assert changed == ["has_ehcp", "phone"]
    event = AuditEvent.objects.get(action="person.updated", person=person)
    assert event.detail == {"fields": ["has_ehcp", "phone"]}
    assert update_person(person=person, by=case_manager, phone="01234") == []


# ------------------------------------------------------------------------------------------------ ratings


def test_a_red_rating_makes_a_community_cetr_due_today(person, case_manager, today):
    decision = record_rating(
        person=person, by=case_manager, rating="red", decided_on=today, rationale="Risk of admission"
    )
    person.refresh_from_db()
    assert person.current_rating == "red"
    assert person.status == RegisterStatus.ACTIVE
    event = TimelineEvent.objects.get(person=person, type="stratified")
    assert event.data == {"rating": "red"}
    assert event.source == f"rating:{decision.pk}"
    community = open_obligations(person)["community_cetr"]
    assert community.due == today
    assert AuditEvent.objects.filter(action="rating.recorded", person=person).exists()


def test_the_instrument_scores_and_suggests_a_rating(person, case_manager, today):
    instrument = adult_instrument()
    answers = answers_scoring(instrument, 6)  # 5 to 7 is amber in the default bands
    decision = record_rating(
        person=person,
        by=case_manager,
        rating="amber",
        decided_on=today,
        rationale="",
        instrument=instrument,
        answers=answers,
    )
    assert (decision.score, decision.suggested_rating, decision.rating) == (6, "amber", "amber")
    assert "mdt_or_cetr" in open_obligations(person)


def test_a_rating_different_from_the_suggestion_needs_a_rationale(person, case_manager, today):
    instrument = adult_instrument()
    answers = answers_scoring(instrument, 2)  # green
    with pytest.raises(ValidationError) as problem:
        record_rating(
            person=person,
            by=case_manager,
            rating="red",
            decided_on=today,
            rationale="  ",
            instrument=instrument,
            answers=answers,
        )
    assert "rationale" in problem.value.message_dict
    assert not TimelineEvent.objects.filter(person=person).exists()
    decision = record_rating(
        person=person,
        by=case_manager,
        rating="red",
        decided_on=today,
        rationale="Mother reports escalating incidents the tool does not capture",
        professional_judgement="Crisis likely within weeks",
        instrument=instrument,
        answers=answers,
    )
    assert decision.differs_from_suggestion
    assert decision.suggested_rating == "green"


def test_unanswered_instrument_questions_are_refused(person, case_manager, today):
    with pytest.raises(ValidationError) as problem:
        record_rating(
            person=person,
            by=case_manager,
            rating="green",
            decided_on=today,
            rationale="",
            instrument=adult_instrument(),
            answers={"harm": "no"},
        )
    assert "answers" in problem.value.message_dict


def test_not_eligible_does_not_change_the_current_rating(person, case_manager, today):
    person.status = RegisterStatus.REFERRED
    person.save()
    record_rating(
        person=person, by=case_manager, rating="not_eligible", decided_on=today, rationale="Criteria not met"
    )
    person.refresh_from_db()
    assert person.current_rating == ""
    assert person.status == RegisterStatus.REFERRED


def test_an_older_decision_entered_later_does_not_replace_the_current_rating(person, case_manager, today):
    record_rating(person=person, by=case_manager, rating="amber", decided_on=today, rationale="")
    record_rating(
        person=person, by=case_manager, rating="green", decided_on=today - dt.timedelta(days=30), rationale=""
    )
    person.refresh_from_db()
    assert person.current_rating == "amber"


def test_shipped_instruments_are_the_policy_defaults():
    assert {i.slug for i in InstrumentVersion.objects.filter(icb=None)} == {
        d["slug"] for d in load_default_instruments()
    }


def test_a_new_instrument_version_becomes_active_and_old_decisions_keep_theirs(
    icb, lead, person, case_manager, today
):
    old = adult_instrument()
    decision = record_rating(
        person=person,
        by=case_manager,
        rating="green",
        decided_on=today,
        rationale="",
        instrument=old,
        answers=answers_scoring(old, 0),
    )
    data = dict(old.data, name="Northdale adult risk tool")
    new = add_instrument_version(icb=icb, by=lead, data=data)
    assert new.version == 2 and new.active
    decision.refresh_from_db()
    assert decision.instrument == old
    with pytest.raises(ValidationError) as problem:
        add_instrument_version(icb=icb, by=lead, data=dict(data, bands=[]))
    assert "Score bands: an instrument needs at least one band" in problem.value.message_dict["data"]


# ------------------------------------------------------------------------------------------------ consent


def test_consent_to_inclusion_starts_a_twelve_month_recheck(person, case_manager, today):
    record = record_consent(
        person=person, by=case_manager, scope=["inclusion", "cetr"], given_by="person", given_on=today
    )
    assert record.kind == ConsentKind.GIVEN
    assert open_obligations(person)["recheck_consent"].due == dt.date(2028, 3, 1)
    record_consent_check(person=person, by=case_manager, checked_on=today, notes="Still agrees")
    assert TimelineEvent.objects.filter(person=person, type="consent_checked").count() == 1


def test_withdrawing_consent_ends_the_recheck(person, case_manager, today):
    record_consent(person=person, by=case_manager, scope=["inclusion"], given_by="person", given_on=today)
    withdraw_consent(person=person, by=case_manager, withdrawn_on=today, notes="Asked to be removed")
    assert "recheck_consent" not in open_obligations(person)


def test_under_14_under_the_cambridgeshire_rule_a_parent_must_consent(icb, case_manager, make_person, today):
    icb.consent_age_rule = "cambridgeshire"
    icb.save()
    child = make_person(date_of_birth=dt.date(2014, 6, 1))  # 12
    with pytest.raises(ValidationError) as problem:
        record_consent(person=child, by=case_manager, scope=["inclusion"], given_by="person", given_on=today)
    assert "given_by" in problem.value.message_dict
    record_consent(
        person=child, by=case_manager, scope=["inclusion"], given_by="parental_responsibility", given_on=today
    )


def test_under_16_nationally_a_competent_child_may_consent_with_a_note(icb, case_manager, make_person, today):
    child = make_person(date_of_birth=dt.date(2013, 1, 1))  # 14
    with pytest.raises(ValidationError) as problem:
        record_consent(person=child, by=case_manager, scope=["inclusion"], given_by="person", given_on=today)
    assert "capacity_notes" in problem.value.message_dict
    record_consent(
        person=child,
        by=case_manager,
        scope=["inclusion"],
        given_by="person",
        given_on=today,
        capacity_notes="Explained with easy read; she could say what the register is and who sees it",
    )


def test_a_best_interests_decision_must_be_recorded(person, case_manager, today):
    with pytest.raises(ValidationError) as problem:
        record_consent(
            person=person,
            by=case_manager,
            scope=["inclusion"],
            given_by="best_interests",
            given_on=today,
            capacity_notes="Capacity assessment on 1 February",
        )
    assert "best_interests_record" in problem.value.message_dict


def test_a_refusal_keeps_the_alternative_and_when_to_ask_again(person, case_manager, today):
    record = record_consent_refused(
        person=person,
        by=case_manager,
        reasons="Does not want to be on a list",
        alternative_offered="A C(E)TR without being on the register",
        revisit_on=today + dt.timedelta(days=90),
    )
    assert record.kind == ConsentKind.REFUSED
    assert not TimelineEvent.objects.filter(person=person).exists()


# ------------------------------------------------------------------------------------ leaving the register


def test_leaving_keeps_the_record_and_says_why(person, case_manager, today):
    remove_from_register(
        person=person, by=case_manager, reason="moved_icb", left_on=today, new_icb_name="NHS Westmere ICB"
    )
    person.refresh_from_db()
    assert person.status == RegisterStatus.LEFT
    assert RegisterExit.objects.get(person=person).new_icb_name == "NHS Westmere ICB"
    assert AuditEvent.objects.filter(action="person.left_register", person=person).exists()
    with pytest.raises(ValidationError):
        remove_from_register(person=person, by=case_manager, reason="other", left_on=today, notes="x")


def test_moving_icb_needs_the_new_icb(person, case_manager, today):
    with pytest.raises(ValidationError) as problem:
        remove_from_register(person=person, by=case_manager, reason="moved_icb", left_on=today)
    assert "new_icb_name" in problem.value.message_dict
    person.refresh_from_db()
    assert person.status == RegisterStatus.ACTIVE


# ---------------------------------------------------------------------------------------------- carers


def test_an_active_carer_sets_has_unpaid_carer_and_carer_contingency(person, case_manager, today):
    record_rating(person=person, by=case_manager, rating="amber", decided_on=today, rationale="")
    carer = add_carer(person=person, by=case_manager, name="Pat Hale", relationship="Mother")
    person.refresh_from_db()
    assert person.has_unpaid_carer
    assert "carer_contingency" in open_obligations(person)
    update_carer(carer=carer, by=case_manager, active=False)
    person.refresh_from_db()
    assert not person.has_unpaid_carer
