"""Telling the outcome by phone (000 Part 1: "by letter, email or phone") meets the obligation to communicate it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from opendsr.accounts.models import AuditEvent
from opendsr.referrals import services
from opendsr.register.models import Obligation, OutcomeCommunication
from opendsr.register.services.rating import record_rating
from tests.referrals.factories import ReferralFactory


def _rated_referral(icb, case_manager, person, on=dt.date(2027, 2, 26)):
    referral = ReferralFactory(person=person, acknowledged_on=dt.date(2027, 2, 25))
    record_rating(
        person=person,
        by=case_manager,
        rating="amber",
        decided_on=on,
        rationale="Placement at risk.",
        referral_id=referral.pk,
    )
    return referral


def _communicate(person):
    return Obligation.objects.get(person=person, kind="communicate_outcome")


def test_a_phone_call_meets_the_outcome_obligation_and_closes_the_referral(icb, case_manager, person):
    referral = _rated_referral(icb, case_manager, person)
    assert _communicate(person).met_on is None

    call = services.record_outcome_by_phone(
        person=person,
        referral=referral,
        by=case_manager,
        told_on=dt.date(2027, 2, 27),
        told_who="Alex and Priya Nurse, who referred them",
    )

    assert call.decision.rating == "amber"
    assert _communicate(person).met_on == dt.date(2027, 2, 27)
    referral.refresh_from_db()
    assert referral.outcome_communicated_on == dt.date(2027, 2, 27)
    assert referral.outcome == "eligible"
    assert AuditEvent.objects.filter(action="outcome.told_by_phone", person=person).exists()


def test_a_re_rating_without_a_referral_can_be_told_by_phone(case_manager, person):
    record_rating(
        person=person, by=case_manager, rating="red", decided_on=dt.date(2027, 3, 1), rationale="Crisis."
    )
    services.record_outcome_by_phone(
        person=person, by=case_manager, told_on=dt.date(2027, 3, 1), told_who="Their mother"
    )
    assert _communicate(person).met_on == dt.date(2027, 3, 1)


@pytest.mark.parametrize(
    ("told_on", "told_who", "field", "message"),
    [
        (
            dt.date(2027, 2, 25),
            "Alex",
            "told_on",
            "cannot be before the decision was made (26 February 2027)",
        ),
        (dt.date(2027, 3, 2), "Alex", "told_on", "must be today or in the past"),
        (None, "Alex", "told_on", "Enter the date you told them"),
        (dt.date(2027, 3, 1), "  ", "told_who", "Enter who you told"),
        (dt.date(2027, 3, 1), "Alex\r\nBcc: someone@example.org", "told_who", "must be on one line"),
    ],
)
def test_a_call_that_cannot_be_right_is_refused_and_nothing_is_met(
    icb, case_manager, person, told_on, told_who, field, message
):
    referral = _rated_referral(icb, case_manager, person)
    with pytest.raises(ValidationError) as error:
        services.record_outcome_by_phone(
            person=person, referral=referral, by=case_manager, told_on=told_on, told_who=told_who
        )
    assert message in " ".join(error.value.message_dict[field])
    assert _communicate(person).met_on is None
    assert not OutcomeCommunication.objects.filter(person=person).exists()


def test_the_referral_page_offers_the_phone_and_shows_the_call(login, icb, case_manager, person):
    referral = _rated_referral(icb, case_manager, person)
    client = login(case_manager)
    page = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert f'href="/referrals/{referral.pk}/outcome/phone/"' in page

    refused = client.post(
        f"/referrals/{referral.pk}/outcome/phone/",
        {"told_on_day": "1", "told_on_month": "3", "told_on_year": "2027", "told_who": ""},
    )
    assert refused.status_code == 200
    assert "Enter who you told" in refused.content.decode()

    response = client.post(
        f"/referrals/{referral.pk}/outcome/phone/",
        {
            "told_on_day": "1",
            "told_on_month": "3",
            "told_on_year": "2027",
            "told_who": "Alex and their mother",
            "notes": "Explained what amber means.",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/referrals/{referral.pk}/").content.decode()
    assert "told to Alex and their mother on 1 March 2027" in page
    assert "Told them 1 March 2027" in page
    assert _communicate(person).met_on == dt.date(2027, 3, 1)
