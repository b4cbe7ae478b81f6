"""Each ICB's public pages: open without a log-in, showing only what the ICB published."""

from __future__ import annotations

import pytest
from django.test import Client

from opendsr.policy.rules import referral, stratification
from opendsr.public.models import FrontDoor
from opendsr.web.formatting import timescale
from tests.public.conftest import ODS


def text(response) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(
    "path",
    [
        "/public/",
        f"/public/{ODS}/",
        f"/public/{ODS}/easy-read/",
        f"/public/{ODS}/privacy/",
        f"/public/{ODS}/accessibility/",
        f"/public/{ODS}/refer/",
        f"/public/{ODS}/refer/who/",
        "/privacy/",
        "/accessibility/",
    ],
)
def test_the_public_pages_open_without_logging_in(front_door, path):
    response = Client().get(path)
    assert response.status_code == 200, path
    assert "Log in" not in text(response) or path in ("/privacy/", "/accessibility/")


def test_the_home_page_shows_the_single_point_of_contact_and_the_criteria(front_door):
    page = text(Client().get(f"/public/{ODS}/"))
    assert "Contact Test DSR team" in page
    assert "0300 000 1111" in page and "Monday to Friday, 9am to 5pm" in page and "dsr@test.example" in page
    assert "At risk of admission to hospital" in page
    assert "Refer yourself or someone you care for" in page


def test_the_steps_after_a_referral_are_timed_by_the_policy(front_door):
    page = text(Client().get(f"/public/{ODS}/"))
    assert f"within {timescale(referral.ACKNOWLEDGE_REFERRAL)}" in page
    assert f"within {timescale(referral.STRATIFY_REFERRAL)} of the referral" in page
    assert f"within {timescale(stratification.COMMUNICATE_OUTCOME)} of deciding" in page


def test_the_pages_follow_what_the_lead_writes(front_door):
    front_door.criteria = "People placed out of area by Northdale"
    front_door.phone = "0300 999 0000"
    front_door.save()
    page = text(Client().get(f"/public/{ODS}/"))
    assert "People placed out of area by Northdale" in page and "0300 999 0000" in page
    assert "At risk of admission to hospital" not in page


def test_pages_not_yet_shown_are_not_there(front_door):
    front_door.published = False
    front_door.save()
    assert Client().get(f"/public/{ODS}/").status_code == 404
    assert Client().get(f"/public/{ODS}/refer/who/").status_code == 404
    assert "Test ICB" not in text(Client().get("/public/"))


def test_an_icb_without_pages_is_not_listed_or_shown(front_door, other_icb):
    other_icb.ods_code = "QT2"
    other_icb.save()
    assert Client().get("/public/QT2/").status_code == 404
    page = text(Client().get("/public/"))
    assert front_door.icb.name in page and other_icb.name not in page


def test_the_public_pages_show_nothing_about_people(front_door, make_person):
    someone = make_person(given_name="Zebedee", family_name="Quartermaine")
    for path in (f"/public/{ODS}/", f"/public/{ODS}/easy-read/", f"/public/{ODS}/privacy/", "/public/"):
        page = text(Client().get(path))
        assert someone.family_name not in page and someone.given_name not in page


def test_the_privacy_notice_names_what_the_form_keeps_and_the_consent_check(front_door):
    page = text(Client().get(f"/public/{ODS}/privacy/"))
    assert "network address" in page
    assert "at least every 12 months" in page
    assert "Test DSR team" in page


def test_the_lead_edits_the_public_pages_in_settings(front_door, lead, login):
    client = login(lead)
    response = client.post(
        "/administration/public-pages/",
        {
            "service_name": "Northdale DSR",
            "phone": "0300 123 4567",
            "hours": "Weekdays 8am to 6pm",
            "email": "",
            "criteria": "Anyone at risk of admission",
            "published": "yes",
        },
    )
    assert response.status_code == 302
    page = text(Client().get(f"/public/{ODS}/"))
    assert "Northdale DSR" in page and "Weekdays 8am to 6pm" in page and "Anyone at risk of admission" in page


def test_the_settings_form_keeps_what_was_typed_and_names_the_missing_field(front_door, lead, login):
    client = login(lead)
    response = client.post(
        "/administration/public-pages/",
        {"service_name": "Kept name", "phone": "", "hours": "9 to 5", "criteria": "x", "published": "yes"},
    )
    page = text(response)
    assert response.status_code == 200
    assert page.startswith(" ") or "Error:" in response.content.decode().split("</title>")[0]
    assert "Enter a phone number" in page and 'value="Kept name"' in response.content.decode()
    assert FrontDoor.objects.get(pk=front_door.pk).service_name == "Test DSR team"


def test_only_the_lead_changes_the_public_pages(front_door, case_manager, login):
    assert login(case_manager).get("/administration/public-pages/").status_code == 403
