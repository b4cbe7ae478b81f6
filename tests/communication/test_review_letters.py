"""The letters a C(E)TR sends: the invitation written for the person and their family (easy read when the
person reads easy read), the thank-you letter after the review (001 s16.6.1), and the consent request with its
easy read form; each is in the person's communication log."""

import datetime as dt

from django.core import mail

from opendsr.communication import services as communication
from opendsr.communication import wording
from opendsr.communication.models import Communication
from opendsr.reviews.services.invitations import send_invitations
from opendsr.reviews.services.meeting import hold_review
from tests.reviews.factories import ReviewFactory

INVITEES = [
    {"role": "person", "name": "Alex Smith", "email": "alex@example.org", "method": "email"},
    {"role": "parent", "name": "Sam Smith", "address": "1 High Street\nLeeds", "method": "letter"},
    {"role": "advocate", "name": "Pat Advocate", "email": "pat@example.org", "method": "email"},
]


def _review(person):
    person.given_name, person.family_name = "Alex", "Smith"
    person.save()
    return ReviewFactory(person=person, scheduled_for=dt.date(2027, 3, 9), starts_at=dt.time(10, 30))


def test_a_person_who_reads_easy_read_is_invited_in_easy_read_and_so_is_their_family(
    person, case_manager, django_capture_on_commit_callbacks
):
    communication.update_needs(person=person, by=case_manager, easy_read=True, large_print=False)
    review = _review(person)
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(review=review, by=case_manager, invitees=INVITEES)

    by_address = {message.to[0]: message for message in mail.outbox}
    to_person = by_address["alex@example.org"]
    assert to_person.subject == "Come to your review"
    assert "We would like you to come to a meeting about you.\nIt is called a Care and Treatment Review." in (
        to_person.body
    )
    assert "When: 9 March 2027 at 10:30" in to_person.body
    assert to_person.attachments[0][2] == "text/calendar"
    # The advocate gets the professionals' invitation, not the easy read one.
    assert by_address["pat@example.org"].body.startswith("Dear Pat Advocate,")
    assert "You are invited to a Care (Education) and Treatment Review for Alex Smith" in (
        by_address["pat@example.org"].body
    )

    family = Communication.objects.get(to_whom="family")
    assert (family.method, family.version, family.subject) == ("letter", "easy_read", "Come to Alex's review")
    assert family.to_address == "1 High Street, Leeds"
    assert Communication.objects.filter(what="Invitation to the C(E)TR").count() == 3


def test_without_easy_read_the_family_invitation_is_written_for_them_in_plain_english(
    person, case_manager, django_capture_on_commit_callbacks
):
    review = _review(person)
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(review=review, by=case_manager, invitees=INVITEES[:2])
    family = Communication.objects.get(to_whom="family")
    assert family.version == "standard"
    assert family.body.startswith(
        "Dear Sam Smith,\n\nYou are invited to Alex's Care (Education) and Treatment"
    )
    assert "what worries you" in family.body
    assert mail.outbox[0].subject == "You are invited to your Care (Education) and Treatment Review"


def test_everyone_invited_is_thanked_after_the_review_and_told_how_they_will_be_kept_updated(
    person, case_manager, django_capture_on_commit_callbacks
):
    review = _review(person)
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(review=review, by=case_manager, invitees=INVITEES)
    mail.outbox.clear()
    review.scheduled_for = dt.date(2027, 3, 1)
    review.save()
    with django_capture_on_commit_callbacks(execute=True):
        hold_review(review=review, by=case_manager, held_on=dt.date(2027, 3, 1))

    thanks = {c.to_whom: c for c in Communication.objects.filter(what=wording.KIND_LABELS[wording.THANK_YOU])}
    assert set(thanks) == {"person", "family", "professional"}
    assert "Thank you for taking part in your Care (Education) and Treatment Review on 1 March 2027" in (
        thanks["person"].body
    )
    assert "you will get the report, with an easy read summary, by 15 March 2027" in thanks["person"].body
    assert "You know Alex best" in thanks["family"].body
    assert "If an action in it names you or your service" in thanks["professional"].body
    assert sorted(m.to[0] for m in mail.outbox) == ["alex@example.org", "pat@example.org"]
    # Held again (a corrected date), nobody is thanked twice.
    hold_review(review=review, by=case_manager, held_on=dt.date(2027, 3, 1))
    assert Communication.objects.filter(what=wording.KIND_LABELS[wording.THANK_YOU]).count() == 3


def test_the_easy_read_consent_request_is_a_form_to_tick():
    subject, body = wording.compose(
        wording.CONSENT_REQUEST, "person", "easy_read", {"first_name": "Alex", "icb_name": "NHS Test ICB"}
    )
    assert subject == "Can we put your name on our list?"
    assert "Can we put your name on the list?\n[ ] Yes\n[ ] No" in body
    assert "If you say no, you will still get help." in body


def test_the_easy_read_consent_request_is_sent_logged_and_prints_in_large_text(
    login, lead, person, monkeypatch
):
    from opendsr.communication import letters

    person.email = ""
    person.address, person.postcode = "1 High Street", "LS1 1AA"
    person.save()
    communication.update_needs(person=person, by=lead, easy_read=True, large_print=False)
    client = login(lead)
    form = client.get(f"/people/{person.pk}/communication/consent-request/").content.decode()
    assert 'value="easy_read" checked' in form and 'value="letter" checked' in form
    response = client.post(
        f"/people/{person.pk}/communication/consent-request/",
        {"to_whom": "person", "version": "easy_read", "method": "letter"},
    )
    assert response.status_code == 302
    entry = Communication.objects.get(what="Consent request")
    assert entry.version == "easy_read" and "[ ] Yes" in entry.body
    seen = {}
    real = letters.render_to_string

    def spy(name, context):
        seen["html"] = real(name, context)
        return seen["html"]

    monkeypatch.setattr(letters, "render_to_string", spy)
    pdf = client.get(f"/people/{person.pk}/communication/{entry.pk}.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert '<body class="large">' in seen["html"] and "Can we put your name on the list?" in seen["html"]
    assert "1 High Street" in seen["html"]


def test_a_consent_request_by_email_needs_an_address(login, lead, person):
    person.email = ""
    person.save()
    page = login(lead).post(
        f"/people/{person.pk}/communication/consent-request/",
        {"to_whom": "person", "version": "standard", "method": "email"},
    )
    assert page.status_code == 200
    assert "There is no email address for" in page.content.decode()
    assert not Communication.objects.exists()


def test_a_family_carer_who_reads_easy_read_is_asked_for_consent_in_easy_read(
    login, lead, person, django_capture_on_commit_callbacks
):
    # They decide for the person (s2.4): the form asks about the person by name, and says who decides.
    from opendsr.register.models import Carer

    person.given_name, person.preferred_name = "Alex", ""
    person.save()
    Carer.objects.create(person=person, name="Sam Smith", relationship="Mother", contact="sam@example.org")
    client = login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/people/{person.pk}/communication/consent-request/",
            {"to_whom": "family", "version": "easy_read", "method": "email"},
        )
    assert response.status_code == 302
    entry = Communication.objects.get(what="Consent request")
    assert entry.version == "easy_read"
    assert entry.subject == "Can we put Alex's name on our list?"
    assert entry.body.startswith("Hello Sam Smith.")
    assert "If Alex cannot decide, we ask you." in entry.body
    assert "Can we put Alex's name on the list?\n[ ] Yes\n[ ] No" in entry.body
    assert "If you say no, Alex will still get help." in entry.body
    assert mail.outbox[-1].to == ["sam@example.org"] and mail.outbox[-1].subject == entry.subject
