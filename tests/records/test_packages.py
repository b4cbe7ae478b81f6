"""Moving a person to an ICB in another OpenDSR by a transfer package: the sending DSR lead makes it (the person
leaves the register as moved) and downloads it as JSON and PDF; the receiving DSR lead uploads the JSON, sees the
preview and imports it, all or nothing, with the person's history marked as from the sending ICB."""

import datetime as dt
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opendsr.accounts.models import AuditEvent, Role
from opendsr.communication.models import CommunicationNeeds
from opendsr.policy.model import EventType
from opendsr.records import packages
from opendsr.records.models import TransferPackage
from opendsr.register.models import (
    ConsentRecord,
    Diagnosis,
    ExitReason,
    Person,
    RatingDecision,
    RegisterStatus,
    Sex,
)
from opendsr.register.services.consent import record_consent
from opendsr.register.services.rating import record_rating
from opendsr.reviews.models import ReviewAction
from tests.reviews.factories import ReviewFactory


def _history(person, lead):
    """A person with a red rating, consent given in her best interests, a C(E)TR with an open
    action, and communication needs."""
    record_rating(
        person=person, by=lead, rating="red", decided_on=dt.date(2026, 11, 2), rationale="Placement at risk"
    )
    record_consent(
        person=person,
        by=lead,
        scope=["inclusion"],
        given_by="best_interests",
        capacity_notes="Lacks capacity to decide about sharing her records",
        best_interests_record="Best interests meeting with her sister and GP",
        given_on=dt.date(2026, 11, 3),
    )
    review = ReviewFactory(person=person, held_on=dt.date(2026, 12, 1), status="completed")
    ReviewAction.objects.create(
        review=review,
        person=person,
        text="Find a tenancy near her sister",
        owner_name="Pat Housing",
        owner_organisation="Northdale County Council",
        due=dt.date(2027, 4, 1),
    )
    CommunicationNeeds.objects.create(person=person, easy_read=True, interpreter="BSL")
    person.communication_needs = "Short sentences, one question at a time"
    person.save()


def _make(client, person, **answers):
    answers = {
        "to_icb_name": "NHS Far Away ICB",
        "left_on_day": "20",
        "left_on_month": "2",
        "left_on_year": "2027",
        "reason": "Moved home to live with her sister",
        **answers,
    }
    return client.post(reverse("records:make_package", args=[person.pk]), answers)


def _upload(client, content: bytes, name="package.json"):
    return client.post(
        reverse("records:receive_package"), {"package": SimpleUploadedFile(name, content, "application/json")}
    )


def _sent(client, person) -> bytes:
    response = _make(client, person)
    package = TransferPackage.objects.get(person=person)
    assert response.url == reverse("records:package", args=[package.pk])
    return client.get(reverse("records:package_json", args=[package.pk])).content


def test_a_package_carries_the_person_and_their_history_to_another_opendsr(
    login, client, lead, other_lead, person, other_icb
):
    _history(person, lead)
    kept = sorted(
        (e.type, e.date) for e in person.timeline.filter(voided_at__isnull=True).exclude(type="left_register")
    )
    sender = login(lead)
    content = _sent(sender, person)

    # The person left the sending register as moved, naming where and when.
    person.refresh_from_db()
    assert person.status == RegisterStatus.LEFT
    left = person.exits.get()
    assert (left.reason, left.new_icb_name, left.left_on) == (
        ExitReason.MOVED_ICB,
        "NHS Far Away ICB",
        dt.date(2027, 2, 20),
    )
    package = TransferPackage.objects.get(person=person)
    assert AuditEvent.objects.filter(action="transfer_package.downloaded", person=person).exists()
    pdf = sender.get(reverse("records:package_pdf", args=[package.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    page = sender.get(reverse("records:package", args=[package.pk])).content.decode()
    assert "Download the transfer package (JSON)" in page

    document = json.loads(content)
    assert packages.schema_problems(document) == []
    assert document["person"]["nhs_number"] == person.nhs_number
    assert all(event["from_sending_icb"] for event in document["timeline"])

    # The receiving instance: another ICB's DSR lead uploads the file and checks the preview.
    client.logout()
    receiver = login(other_lead)
    uploaded = _upload(receiver, content)
    received = TransferPackage.objects.get(direction="received")
    assert uploaded.url == reverse("records:package", args=[received.pk])
    preview = receiver.get(uploaded.url).content.decode()
    assert f"Check before importing {person.full_name}" in preview
    assert "Find a tenancy near her sister" in preview
    assert "cannot be imported" not in preview

    imported = receiver.post(uploaded.url)
    arrived = Person.objects.get(icb=other_icb)
    assert imported.url == reverse("register:detail", args=[arrived.pk])
    assert (arrived.nhs_number, arrived.full_name, arrived.date_of_birth) == (
        person.nhs_number,
        person.full_name,
        person.date_of_birth,
    )
    assert arrived.status == RegisterStatus.ACTIVE and arrived.team is None
    assert arrived.current_rating == "red"
    assert arrived.communication_needs == "Short sentences, one question at a time"
    assert CommunicationNeeds.objects.get(person=arrived).interpreter == "BSL"
    events = list(arrived.timeline.all())
    assert sorted((e.type, e.date) for e in events) == kept
    assert all(e.data["imported"] and e.data["from_icb"] == lead.icb.name for e in events)
    assert all(e.notes.startswith(f"From {lead.icb.name}'s register") for e in events)
    consent = ConsentRecord.objects.get(person=arrived)
    assert consent.given_by == "best_interests"
    assert RatingDecision.objects.get(person=arrived).rating == "red"
    assert arrived.obligations.exists()  # the clock read the history
    assert AuditEvent.objects.filter(action="person.transferred_in", person=arrived).exists()
    assert "Moved here from" in receiver.get(reverse("register:detail", args=[arrived.pk])).content.decode()

    # Importing the same package twice adds nobody.
    receiver.post(uploaded.url)
    assert Person.objects.filter(icb=other_icb).count() == 1


def test_a_tampered_package_is_refused_with_every_reason_and_nothing_written(
    login, client, lead, other_lead, person
):
    content = _sent(login(lead), person)
    document = json.loads(content)
    document["person"]["date_of_birth"] = "31/02/1995"
    del document["person"]["given_name"]
    document["timeline"].append({"type": "teleported", "date": "2027-01-01"})
    client.logout()
    receiver = login(other_lead)
    people, kept = Person.objects.count(), TransferPackage.objects.count()
    response = _upload(receiver, json.dumps(document).encode())
    text = response.content.decode()
    assert response.status_code == 200
    assert "Error: Upload a transfer package" in text
    assert "person › date_of_birth" in text
    assert "given_name" in text
    assert "teleported" in text
    assert (Person.objects.count(), TransferPackage.objects.count()) == (people, kept)


def test_a_file_that_is_not_a_package_is_refused_in_plain_words(login, lead):
    client = login(lead)
    assert "it is not JSON" in _upload(client, b"NHS No,Surname\n9999999468,Smith\n").content.decode()
    assert "it is not JSON" in _upload(client, b"\xff\xfe\x00garbage").content.decode()
    assert "has no schema_version" in _upload(client, b"[1, 2, 3]").content.decode()
    assert "it is not JSON" in _upload(client, b"[" * 100_000).content.decode()
    assert "null character" in _upload(client, b'{"schema_version": "1", "x": "a\\u0000"}').content.decode()
    huge = _upload(
        client, b'{"schema_version": "1", "x": "' + b"a" * (packages.MAX_PACKAGE_BYTES + 10) + b'"}'
    )
    assert huge.status_code == 200
    assert "must be smaller than" in huge.content.decode()
    assert not TransferPackage.objects.exists()


def test_someone_already_on_the_register_with_the_nhs_number_stops_the_import(
    login, client, lead, other_lead, person, other_icb, make_person
):
    content = _sent(login(lead), person)
    there = make_person(icb=other_icb, nhs_number=person.nhs_number, given_name="Already", family_name="Here")
    client.logout()
    receiver = login(other_lead)
    url = _upload(receiver, content).url
    preview = receiver.get(url).content.decode()
    assert "This package cannot be imported" in preview
    assert "Already Here" in preview and "is already on your register with this NHS number" in preview
    refused = receiver.post(url)
    assert refused.status_code == 200
    assert "is already on your register" in refused.content.decode()
    assert list(Person.objects.filter(icb=other_icb)) == [there]


def test_only_the_dsr_lead_of_the_icb_makes_or_opens_a_package(login, client, lead, make_user, team, person):
    case_manager = login(make_user(Role.CASE_MANAGER, team=team))
    assert _make(case_manager, person).status_code == 403
    assert _upload(case_manager, b"{}").status_code == 403
    person.refresh_from_db()
    assert person.status == RegisterStatus.ACTIVE
    client.logout()
    _sent(login(lead), person)
    package = TransferPackage.objects.get()
    client.logout()
    from tests.factories import OrganisationFactory

    stranger = login(make_user(Role.DSR_LEAD, icb=OrganisationFactory(name="NHS Third ICB", kind="icb")))
    for name in ("records:package", "records:package_json", "records:package_pdf"):
        assert stranger.get(reverse(name, args=[package.pk])).status_code == 404


def test_a_person_without_an_nhs_number_is_not_packaged(login, lead, make_person, team):
    nobody = make_person(nhs_number="", team=team)
    response = _make(login(lead), nobody)
    assert "Record their NHS number first" in response.content.decode()
    nobody.refresh_from_db()
    assert nobody.status == RegisterStatus.ACTIVE
    assert not TransferPackage.objects.exists()


def test_the_schema_names_what_the_register_holds():
    person = packages.schema()["properties"]["person"]["properties"]
    assert person["sex"]["enum"] == Sex.values
    assert person["diagnosis"]["enum"] == Diagnosis.values
    event_types = packages.schema()["properties"]["timeline"]["items"]["properties"]["type"]["enum"]
    assert set(event_types) == {t.value for t in EventType} - {"left_register"}
    assert packages.schema()["properties"]["schema_version"]["const"] == packages.SCHEMA_VERSION


def test_someone_who_left_the_register_with_the_nhs_number_stops_the_import_too(
    login, client, lead, other_lead, person, other_icb, make_person
):
    content = _sent(login(lead), person)
    make_person(icb=other_icb, nhs_number=person.nhs_number, status=RegisterStatus.LEFT, family_name="Gone")
    client.logout()
    receiver = login(other_lead)
    url = _upload(receiver, content).url
    refused = receiver.post(url)
    assert refused.status_code == 200
    assert "has left your register: the package cannot be imported" in refused.content.decode()
    assert Person.objects.filter(icb=other_icb).count() == 1
    assert TransferPackage.objects.get(direction="received").status == "preview"


def test_someone_who_already_left_as_moved_is_packaged_as_they_left(login, lead, person):
    from opendsr.register.services.leaving import remove_from_register

    remove_from_register(
        person=person,
        by=lead,
        reason=ExitReason.MOVED_ICB,
        left_on=dt.date(2027, 2, 10),
        notes="Moved to her sister's",
        new_icb_name="NHS Westmere ICB",
    )
    client = login(lead)
    page = client.get(reverse("register:detail", args=[person.pk])).content.decode()
    assert "Make a transfer package for an ICB in another OpenDSR" in page
    form = client.get(reverse("records:make_package", args=[person.pk])).content.decode()
    assert "NHS Westmere ICB" in form and "They left your register on 10 February 2027" in form
    client.post(
        reverse("records:make_package", args=[person.pk]),
        {
            "to_icb_name": "NHS Westmere ICB",
            "left_on_day": "10",
            "left_on_month": "2",
            "left_on_year": "2027",
            "reason": "Moved to her sister's",
        },
    )
    package = TransferPackage.objects.get(person=person)
    assert package.document["moved_on"] == "2027-02-10"
    assert package.document["to_icb"]["name"] == "NHS Westmere ICB"
    assert person.exits.count() == 1


def test_the_pdf_summary_reads_the_package(login, lead, person):
    _history(person, lead)
    document = json.loads(_sent(login(lead), person))
    html = packages.summary_html(document)
    assert f"Transfer package: {person.given_name} {person.family_name}" in html
    assert "Find a tenancy near her sister" in html
    assert "best interests" in html
    assert "Easy read." in html and "Interpreter: BSL." in html
    assert "Moving from" in html and "to NHS Far Away ICB on 20 February 2027" in html
