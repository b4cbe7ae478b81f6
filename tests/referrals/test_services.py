"""Referrals as the case manager sees them: the duplicate check, the timescales the clock sets, the letters."""

import datetime as dt
import subprocess

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from opendsr.referrals import letters, services
from opendsr.referrals.models import Letter, Method, Outcome, Recipient, Referral, Source
from opendsr.register.models import Obligation, Person, TimelineEvent
from opendsr.register.services.rating import record_rating
from tests.factories import give_consent

NEW_PERSON = {
    "given_name": "Robin",
    "family_name": "Hale",
    "date_of_birth": dt.date(2001, 4, 2),
    "diagnosis": "autistic",
    "nhs_number": "9990000018",
    "email": "robin@example.org",
}


def referral_fields(**changes):
    fields = {
        "received_on": dt.date(2027, 2, 25),
        "source": Source.SELF,
        "channel": "phone",
        "reason": "Says things are getting too much at home.",
        "referrer_name": "Robin Hale",
        "referrer_email": "referrer@example.org",
    }
    fields.update(changes)
    return fields


def obligation(person, kind):
    return Obligation.objects.get(person=person, kind=kind)


def test_a_new_referral_adds_the_person_and_starts_the_five_working_day_clock(icb, case_manager):
    # Received the day before Christmas Eve 2026: Christmas Day, the weekend, the substitute Boxing Day
    # holiday and New Year's Day do not count.
    referral = services.record_referral(
        icb=icb,
        by=case_manager,
        person_fields=NEW_PERSON,
        **referral_fields(received_on=dt.date(2026, 12, 23)),
    )
    person = referral.person
    assert person.full_name == "Robin Hale"
    assert TimelineEvent.objects.filter(
        person=person, type="referral_received", source=f"referral:{referral.pk}"
    )
    ack = obligation(person, "acknowledge_referral")
    assert ack.due == dt.date(2027, 1, 4)
    assert ack.met_on is None
    assert obligation(person, "stratify_referral").due == dt.date(2027, 1, 20)


def test_someone_already_on_the_register_is_not_added_twice(icb, case_manager, make_person):
    existing = make_person(nhs_number="9990000018", given_name="Robin", family_name="Hale")
    with pytest.raises(ValidationError):
        services.record_referral(icb=icb, by=case_manager, person_fields=NEW_PERSON, **referral_fields())
    assert Person.objects.count() == 1
    referral = services.record_referral(icb=icb, by=case_manager, person=existing, **referral_fields())
    assert referral.person == existing
    assert Person.objects.count() == 1


def test_the_same_name_and_birthday_is_also_a_possible_match(icb, case_manager, make_person):
    make_person(nhs_number="", given_name="robin", family_name="HALE", date_of_birth=dt.date(2001, 4, 2))
    with pytest.raises(ValidationError):
        services.record_referral(
            icb=icb, by=case_manager, person_fields={**NEW_PERSON, "nhs_number": ""}, **referral_fields()
        )
    referral = services.record_referral(
        icb=icb,
        by=case_manager,
        person_fields={**NEW_PERSON, "nhs_number": ""},
        allow_duplicate=True,
        **referral_fields(),
    )
    assert Person.objects.count() == 2
    assert referral.person.given_name == "Robin"


def test_acknowledging_by_email_reaches_both_and_meets_the_deadline(
    icb, case_manager, django_capture_on_commit_callbacks
):
    referral = services.record_referral(
        icb=icb, by=case_manager, person_fields=NEW_PERSON, **referral_fields()
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.acknowledge(
            referral=referral,
            by=case_manager,
            recipients=[Recipient.PERSON, Recipient.REFERRER],
            method=Method.EMAIL,
            sent_on=dt.date(2027, 3, 1),
        )
    assert len(sent) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["referrer@example.org", "robin@example.org"]
    message = mail.outbox[0]
    assert "Dear Robin" in message.body
    assert "25 February 2027" in message.body
    assert "{" not in message.body and "{" not in message.subject
    assert case_manager.email in message.body
    ack = obligation(referral.person, "acknowledge_referral")
    assert ack.met_on == dt.date(2027, 3, 1)
    assert ack.is_open is False


def test_an_email_with_nowhere_to_go_is_refused_and_nothing_is_recorded(icb, case_manager):
    referral = services.record_referral(
        icb=icb, by=case_manager, person_fields={**NEW_PERSON, "email": ""}, **referral_fields()
    )
    with pytest.raises(ValidationError) as error:
        services.acknowledge(
            referral=referral,
            by=case_manager,
            recipients=[Recipient.REFERRER, Recipient.PERSON],
            method="email",
        )
    assert "no email address for the person" in str(error.value)
    referral.refresh_from_db()
    assert referral.acknowledged_on is None
    assert not Letter.objects.exists()
    assert mail.outbox == []
    assert obligation(referral.person, "acknowledge_referral").met_on is None


def test_the_outcome_waits_for_the_rating_decision(icb, case_manager, django_capture_on_commit_callbacks):
    referral = services.record_referral(
        icb=icb, by=case_manager, person_fields=NEW_PERSON, **referral_fields()
    )
    with pytest.raises(ValidationError, match="Decide their rating"):
        services.send_outcome(referral=referral, by=case_manager, recipients=["person"], method="email")

    give_consent(referral.person, case_manager, dt.date(2027, 2, 26))
    record_rating(
        person=referral.person,
        by=case_manager,
        rating="red",
        decided_on=dt.date(2027, 2, 26),
        rationale="Serious risk of harm at home.",
        referral_id=referral.pk,
    )
    due = obligation(referral.person, "communicate_outcome")
    assert due.due == dt.date(2027, 2, 27) and due.met_on is None

    with django_capture_on_commit_callbacks(execute=True):
        services.send_outcome(
            referral=referral,
            by=case_manager,
            recipients=["person"],
            method="email",
            sent_on=dt.date(2027, 3, 1),
        )
    referral.refresh_from_db()
    assert referral.outcome == Outcome.ELIGIBLE
    assert "Your rating is red" in mail.outbox[-1].body
    assert obligation(referral.person, "communicate_outcome").met_on == dt.date(2027, 3, 1)


def test_not_eligible_needs_somewhere_else_to_turn_and_makes_a_real_pdf(icb, case_manager, tmp_path):
    referral = services.record_referral(
        icb=icb, by=case_manager, person_fields=NEW_PERSON, **referral_fields()
    )
    record_rating(
        person=referral.person,
        by=case_manager,
        rating="not_eligible",
        decided_on=dt.date(2027, 3, 1),
        rationale="No learning disability or autism diagnosis.",
        referral_id=referral.pk,
    )
    with pytest.raises(ValidationError) as error:
        services.send_outcome(referral=referral, by=case_manager, recipients=["person"], method="pdf")
    assert "no wrong door" in str(error.value)
    assert not Letter.objects.exists()

    [letter] = services.send_outcome(
        referral=referral,
        by=case_manager,
        recipients=["person"],
        method="pdf",
        not_eligible_reason="The register is for autistic people and people with a learning disability.",
        signposting="Northdale Talking Therapies: 0300 000 0000",
    )
    assert letter.method == Method.PDF and mail.outbox == []
    pdf = letters.pdf(letter=letter, icb_name=icb.name, address_lines=["Robin Hale"], sent_on=letter.sent_on)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Dear Robin" in text
    assert "Northdale Talking Therapies" in text
    assert "no wrong door" in text.lower()


def test_a_template_with_an_unknown_placeholder_is_refused(icb, lead):
    template = services.template_for(icb, "acknowledgement")
    with pytest.raises(ValidationError) as error:
        services.update_template(
            template=template, by=lead, subject="Hello {first_name}", body="Dear {frist_name}"
        )
    assert "{frist_name}" in str(error.value)
    assert "Dear {first_name}" in services.template_for(icb, "acknowledgement").body
    services.update_template(
        template=template, by=lead, subject="About {person_name}", body="Hello {first_name}"
    )
    assert services.template_for(icb, "acknowledgement").subject == "About {person_name}"


def test_withdrawing_a_referral_stops_its_clock_and_keeps_the_record(icb, case_manager):
    referral = services.record_referral(
        icb=icb, by=case_manager, person_fields=NEW_PERSON, **referral_fields()
    )
    services.withdraw_referral(referral=referral, by=case_manager, reason="Recorded against the wrong person")
    assert Referral.objects.filter(pk=referral.pk, withdrawn_at__isnull=False).exists()
    assert not Obligation.objects.filter(person=referral.person, kind="acknowledge_referral").exists()


def test_a_dispute_is_recorded_with_its_outcome(icb, case_manager):
    referral = services.record_referral(
        icb=icb, by=case_manager, person_fields=NEW_PERSON, **referral_fields()
    )
    with pytest.raises(ValidationError, match="once its outcome has been sent"):
        services.record_dispute(
            referral=referral, by=case_manager, disputed_on=dt.date(2027, 3, 1), grounds="x"
        )
    give_consent(referral.person, case_manager, dt.date(2027, 2, 26))
    record_rating(
        person=referral.person,
        by=case_manager,
        rating="green",
        decided_on=dt.date(2027, 2, 26),
        rationale="Stable support.",
        referral_id=referral.pk,
    )
    services.send_outcome(
        referral=referral, by=case_manager, recipients=["person"], method="pdf", sent_on=dt.date(2027, 2, 26)
    )
    services.record_dispute(
        referral=referral,
        by=case_manager,
        disputed_on=dt.date(2027, 2, 27),
        grounds="Mum says risk is higher",
    )
    services.decide_dispute(
        referral=referral,
        by=case_manager,
        outcome="upheld",
        decided_on=dt.date(2027, 3, 1),
        notes="Re-rated.",
    )
    referral.refresh_from_db()
    assert referral.get_dispute_outcome_display().startswith("Upheld")
