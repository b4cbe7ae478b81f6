"""Withdrawing consent to be on the register asks what happens next (s2.4; issue 12): they leave the register with
the reason "consent withdrawn", or the record is kept on a lawful basis that is written down; either way the
yearly check of consent ends."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from opendsr.register.models import ConsentKind, ConsentRecord, Obligation, RegisterStatus
from opendsr.register.services.consent import record_consent
from opendsr.register.services.rating import record_rating
from tests.conftest import TODAY


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def consenting(person, case_manager):
    record_consent(
        person=person, by=case_manager, scope=["inclusion"], given_by="person", given_on=dt.date(2027, 1, 4)
    )
    record_rating(
        person=person, by=case_manager, rating="amber", decided_on=dt.date(2027, 1, 4), rationale="x"
    )
    person.refresh_from_db()
    return person


def withdraw(client, person, **answers):
    return client.post(
        reverse("register:consent_withdraw", args=[person.pk]),
        {"withdrawn_on_day": "1", "withdrawn_on_month": "3", "withdrawn_on_year": "2027", **answers},
    )


def open_kinds(person) -> set[str]:
    return set(Obligation.objects.filter(person=person, is_open=True).values_list("kind", flat=True))


def test_withdrawing_and_leaving_takes_them_off_with_the_reason_and_ends_what_was_owed(
    login, case_manager, consenting
):
    assert "recheck_consent" in open_kinds(consenting) and "mdt_or_cetr" in open_kinds(consenting)
    client = login(case_manager)
    response = withdraw(client, consenting, next_step="leave", notes="Asked to come off the register")
    assert response.status_code == 302
    consenting.refresh_from_db()
    assert consenting.status == RegisterStatus.LEFT
    exit_record = consenting.exits.get()
    assert exit_record.reason == "consent_withdrawn" and exit_record.left_on == TODAY
    assert open_kinds(consenting) == set()
    page = text(client.get(reverse("register:detail", args=[consenting.pk])))
    assert "Consent withdrawn" in page


def test_withdrawing_and_keeping_the_record_needs_its_lawful_basis_and_ends_the_recheck(
    login, case_manager, consenting
):
    client = login(case_manager)
    response = withdraw(client, consenting, next_step="keep", lawful_basis="")
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter the lawful basis for keeping the record" in page
    assert not ConsentRecord.objects.filter(person=consenting, kind=ConsentKind.WITHDRAWN).exists()
    response = withdraw(
        client, consenting, next_step="keep", lawful_basis="Safeguarding duty: a child in need plan is open"
    )
    assert response.status_code == 302
    consenting.refresh_from_db()
    assert consenting.status == RegisterStatus.ACTIVE
    assert "recheck_consent" not in open_kinds(consenting)
    page = text(client.get(reverse("register:detail", args=[consenting.pk])))
    assert "Record kept on a lawful basis: Safeguarding duty: a child in need plan is open" in page


def test_withdrawing_without_saying_what_happens_next_saves_nothing(login, case_manager, consenting):
    response = withdraw(login(case_manager), consenting)
    page = text(response)
    assert "There is a problem" in page and "Choose what happens next" in page
    assert not ConsentRecord.objects.filter(person=consenting, kind=ConsentKind.WITHDRAWN).exists()
    consenting.refresh_from_db()
    assert consenting.status == RegisterStatus.ACTIVE
