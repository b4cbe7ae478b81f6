"""The public front door's fixtures: an ICB with its pages shown, and a visitor who answers every question."""

from __future__ import annotations

import pytest
from django.test import Client

from opendsr.public.models import FrontDoor

ODS = "QT1"

# A mother referring her son: the answers to each question page, as a browser sends them.
FAMILY_ANSWERS = {
    "who": {"who": "family"},
    "about-you": {
        "referrer_name": "Grace Adeyemi",
        "relationship": "Mother",
        "referrer_phone": "07700 900123",
        "referrer_email": "grace@example.org",
    },
    "name": {"given_name": "Daniel", "family_name": "Adeyemi"},
    "date-of-birth": {"date_of_birth_day": "14", "date_of_birth_month": "2", "date_of_birth_year": "2011"},
    "diagnosis": {"diagnosis": "autistic"},
    "address": {"address": "4 Mill Lane\nNorthdale", "postcode": "ND2 3BB"},
    "nhs-number": {"nhs_number": ""},
    "contact": {"phone": "", "email": "", "preferred": "through_me"},
    "worries": {
        "worries": "He hit his brother twice this week and has stopped going to school.",
        "signs": ["harm"],
    },
    "agreement": {"agrees": "yes"},
    "communication": {"needs": ["easy_read"], "language": "", "other_needs": "Short sentences"},
}

SELF_ANSWERS = {
    "who": {"who": "self"},
    "name": {"given_name": "Priya", "family_name": "Shah"},
    "date-of-birth": {"date_of_birth_day": "3", "date_of_birth_month": "9", "date_of_birth_year": "1999"},
    "diagnosis": {"diagnosis": "both"},
    "address": {"address": "", "postcode": "ND1 4CC"},
    "nhs-number": {"nhs_number": ""},
    "contact": {"phone": "07700 900456", "email": "priya@example.org", "preferred": "email"},
    "worries": {
        "worries": "My supported living placement is ending next month.",
        "signs": ["placement_at_risk"],
    },
    "agreement": {"agrees": "yes"},
    "communication": {"needs": [], "language": "", "other_needs": ""},
}


@pytest.fixture
def front_door(icb):
    icb.ods_code = ODS
    icb.save()
    return FrontDoor.objects.create(
        icb=icb,
        published=True,
        service_name="Test DSR team",
        phone="0300 000 1111",
        email="dsr@test.example",
        hours="Monday to Friday, 9am to 5pm",
        criteria="Autistic people and people with a learning disability\nAt risk of admission to hospital",
    )


@pytest.fixture
def visitor():
    return Client(REMOTE_ADDR="203.0.113.9")


def answer_every_question(client, answers: dict, ods: str = ODS) -> None:
    """Answer each question page in turn, as a visitor would, checking each sends them on."""
    for step, data in answers.items():
        response = client.post(f"/public/{ods}/refer/{step}/", data)
        assert response.status_code == 302, f"{step}: {response.status_code}"


@pytest.fixture(autouse=True)
def _no_minimum_time(settings):
    """Tests answer faster than a person can; the test of the minimum time sets it back."""
    settings.OPENDSR_PUBLIC_MINIMUM_SECONDS = 0
