"""The referral pages as a case manager uses them."""

import datetime as dt

from opendsr.accounts.models import AuditEvent
from opendsr.referrals.models import Referral
from opendsr.register.models import Person
from tests.referrals.factories import ReferralFactory

from .test_services import NEW_PERSON


def _form(**changes):
    data = {
        "received_on_day": "25",
        "received_on_month": "2",
        "received_on_year": "2027",
        "source": "self",
        "channel": "phone",
        "referrer_name": "Robin Hale",
        "reason": "Things are getting too much at home.",
        "triggers": ["harm", "police"],
        "nhs_number": "",
        "given_name": NEW_PERSON["given_name"],
        "family_name": NEW_PERSON["family_name"],
        "date_of_birth_day": "2",
        "date_of_birth_month": "4",
        "date_of_birth_year": "2001",
        "diagnosis": "autistic",
        "location": "community",
    }
    data.update(changes)
    return data


def test_the_inbox_shows_when_each_referral_must_be_acknowledged(login, case_manager):
    client = login(case_manager)
    response = client.post("/referrals/new/", _form())
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.pk}/"
    page = client.get("/referrals/").content.decode()
    assert "Robin Hale" in page
    # Received Thursday 25 February 2027: 5 working days later, over the weekend, is Thursday 4 March.
    assert "Acknowledge by 4 March 2027" in page
    assert "due in 3 days" in page


def test_a_referral_with_gaps_shows_every_problem_and_keeps_what_was_typed(login, case_manager):
    client = login(case_manager)
    response = client.post(
        "/referrals/new/", _form(reason="", given_name="", channel="", received_on_day="31")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert "There is a problem" in page
    assert "Enter why they are being referred" in page
    assert "Enter their first name" in page
    assert "Choose how the referral was received" in page
    assert "must be a real date" in page
    assert 'value="Hale"' in page
    assert not Referral.objects.exists() and not Person.objects.exists()


def test_a_possible_match_is_offered_before_anyone_new_is_added(login, case_manager, make_person):
    existing = make_person(
        given_name="Robin", family_name="Hale", date_of_birth=dt.date(2001, 4, 2), team=None
    )
    client = login(case_manager)
    page = client.post("/referrals/new/", _form()).content.decode()
    assert "They may already be on the register" in page
    assert not Referral.objects.exists()
    response = client.post("/referrals/new/", _form(attach=str(existing.pk)))
    assert response.status_code == 302
    assert Referral.objects.get().person == existing
    assert Person.objects.count() == 1


def test_another_icbs_referral_does_not_exist(login, case_manager, other_icb):
    referral = ReferralFactory(person__icb=other_icb)
    client = login(case_manager)
    assert client.get(f"/referrals/{referral.pk}/").status_code == 404
    assert client.get(f"/referrals/{referral.pk}/acknowledge/").status_code == 404


def test_acknowledging_as_a_pdf_gives_a_letter_to_download_and_audits_it(login, case_manager, person):
    referral = ReferralFactory(person=person)
    client = login(case_manager)
    response = client.post(
        f"/referrals/{referral.pk}/acknowledge/",
        {
            "recipients": ["person", "referrer"],
            "method": "pdf",
            "sent_on_day": "1",
            "sent_on_month": "3",
            "sent_on_year": "2027",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Download the letter below" in page
    letter = referral.letters.first()
    pdf = client.get(f"/referrals/letters/{letter.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="letter.downloaded", person=person).exists()


def test_the_lead_changes_a_letter_and_a_mistake_is_explained(login, lead):
    client = login(lead)
    response = client.post(
        "/referrals/templates/acknowledgement/", {"subject": "Hello", "body": "Dear {first_name} {surname}"}
    )
    page = response.content.decode()
    assert "The letter uses a placeholder OpenDSR does not know: {surname}" in page
    assert "Dear {first_name} {surname}" in page
    response = client.post(
        "/referrals/templates/acknowledgement/", {"subject": "Hello", "body": "Dear {first_name}"}
    )
    assert response.status_code == 302
    assert "Hello" in client.get("/referrals/templates/").content.decode()
