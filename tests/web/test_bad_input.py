"""Bad input never crashes a page: impossible dates, digits that are not 0 to 9, months out of range. Every
message is the NHS.UK one that names the field."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms as django_forms

from opendsr.register.models import ConsentRecord, Person, RatingDecision, RegisterExit
from opendsr.register.services.consent import record_consent
from opendsr.register.services.people import update_person
from opendsr.register.services.rating import record_rating
from opendsr.web.forms import Form
from opendsr.web.params import whole_number
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def date_post(name, day, month, year) -> dict:
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def person_post(**overrides) -> dict:
    data = {
        "given_name": "Robin",
        "family_name": "Hale",
        "diagnosis": "autistic",
        "sex": "not_known",
        "ethnicity": "99",
        "location": "community",
        **date_post("date_of_birth", 2, 4, 2009),
    }
    data.update(overrides)
    return data


def referral_post(**overrides) -> dict:
    data = {
        **date_post("received_on", 1, 3, 2027),
        "source": "professional",
        "channel": "email",
        "reason": "Placement at risk",
        "given_name": "Sam",
        "family_name": "Stone",
        "diagnosis": "autistic",
        "location": "community",
        **date_post("date_of_birth", 2, 4, 2009),
    }
    data.update(overrides)
    return data


# ------------------------------------------------------------------------------------------ the year 1800


def test_a_date_of_birth_before_1900_or_today_is_refused(login, case_manager):
    client = login(case_manager)
    page = text_of(client.post("/people/new/", person_post(**date_post("date_of_birth", 2, 4, 1800))))
    assert "Date of birth must be the same as or after 1 January 1900" in page
    page = text_of(client.post("/people/new/", person_post(**date_post("date_of_birth", 1, 3, 2027))))
    assert "Date of birth must be in the past" in page
    assert not Person.objects.exists()


def test_a_referral_received_in_1800_or_before_birth_is_refused(login, case_manager, make_person):
    client = login(case_manager)
    page = text_of(client.post("/referrals/new/", referral_post(**date_post("received_on", 1, 3, 1800))))
    assert "The date the referral was received must be the same as or after 1 January 1900" in page
    page = text_of(client.post("/referrals/new/", referral_post(**date_post("received_on", 1, 3, 2009))))
    assert (
        "The date the referral was received must be the same as or after their date of birth (2 April 2009)"
        in page
    )
    known = make_person(date_of_birth=dt.date(2010, 5, 5))
    page = text_of(
        client.post(
            f"/referrals/new/?person={known.pk}",
            {**referral_post(**date_post("received_on", 1, 1, 2010)), "person": known.pk},
        )
    )
    assert "must be the same as or after their date of birth (5 May 2010)" in page
    assert not known.referrals.exists()


def test_a_rating_in_1800_or_before_birth_is_refused_on_the_first_step(login, case_manager, person):
    client = login(case_manager)
    page = text_of(
        client.post(
            f"/people/{person.pk}/rating/", {"step": "answers", **date_post("decided_on", 1, 3, 1800)}
        )
    )
    assert "Date of the decision must be the same as or after 1 January 1900" in page
    born = person.date_of_birth
    before = born - dt.timedelta(days=1)
    page = text_of(
        client.post(
            f"/people/{person.pk}/rating/",
            {"step": "answers", **date_post("decided_on", before.day, before.month, before.year)},
        )
    )
    assert "The date of the decision must be the same as or after their date of birth" in page
    assert not RatingDecision.objects.exists()


def test_a_review_date_in_1800_is_refused(login, case_manager, person):
    review = ReviewFactory(person=person, scheduled_for=None)
    client = login(case_manager)
    page = text_of(
        client.post(
            f"/reviews/{review.pk}/arrangements/",
            {**date_post("scheduled_for", 1, 3, 1800), "venue": "Room 1"},
        )
    )
    assert "Date of the review must be the same as or after 1 January 1900" in page
    page = text_of(client.post(f"/reviews/{review.pk}/meeting/", date_post("held_on", 1, 3, 1800)))
    assert "Date the review was held must be the same as or after 1 January 1900" in page
    review.refresh_from_db()
    assert review.scheduled_for is None and review.held_on is None


# --------------------------------------------------------------------- dates that follow another record


def test_consent_cannot_be_checked_before_it_was_given(login, case_manager, person, today):
    record_consent(
        person=person, by=case_manager, scope=["inclusion"], given_by="person", given_on=dt.date(2027, 2, 1)
    )
    client = login(case_manager)
    page = text_of(
        client.post(
            f"/people/{person.pk}/consent/check/",
            {"given_by": "person", **date_post("checked_on", 31, 1, 2027)},
        )
    )
    assert (
        "The date consent was checked must be the same as or after the date consent was given (1 February 2027)"
        in page
    )
    page = text_of(
        client.post(
            f"/people/{person.pk}/consent/check/",
            {"given_by": "person", **date_post("checked_on", 1, 3, 1800)},
        )
    )
    assert "Date consent was checked must be the same as or after 1 January 1900" in page
    assert not ConsentRecord.objects.filter(kind="checked").exists()


def test_leaving_cannot_come_before_the_latest_rating(login, case_manager, person):
    record_rating(
        person=person, by=case_manager, rating="amber", decided_on=dt.date(2027, 2, 10), rationale="Rated"
    )
    client = login(case_manager)
    page = text_of(
        client.post(
            f"/people/{person.pk}/leave/",
            {"reason": "risk_reduced", **date_post("left_on", 9, 2, 2027), "confirm": "yes"},
        )
    )
    assert (
        "The date they left must be the same as or after the date of their latest rating (10 February 2027)"
        in page
    )
    assert not RegisterExit.objects.exists()


def test_a_date_of_birth_cannot_move_after_something_on_their_record(case_manager, person):
    record_rating(
        person=person, by=case_manager, rating="amber", decided_on=dt.date(2027, 2, 10), rationale="Rated"
    )
    with pytest.raises(Exception) as refused:
        update_person(person=person, by=case_manager, date_of_birth=dt.date(2027, 2, 11))
    assert "the earliest date on their record" in str(refused.value)


# ------------------------------------------------------------------------------- numbers that break int()


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("1", "1", "9" * 5000),
        ("9" * 30, "1", "2020"),
        ("1", "9" * 30, "2020"),
        ("²", "1", "2020"),
        ("1", "1", "٢٠٢٠"),
    ],
)
def test_huge_or_unusual_digits_in_a_date_say_it_must_be_a_real_date(login, case_manager, day, month, year):
    page = text_of(
        login(case_manager).post(
            "/referrals/new/", referral_post(**date_post("received_on", day, month, year))
        )
    )
    assert "The date the referral was received must be a real date" in page


@pytest.mark.parametrize("value", ["²", "٣", "9" * 30, "-1", "1e3", ""])
def test_query_parameters_with_odd_numbers_never_crash_a_page(login, case_manager, lead, person, value):
    client = login(case_manager)
    assert client.get(f"/people/{person.pk}/rating/?referral={value}").status_code == 200
    assert client.get(f"/reviews/people/{person.pk}/new/?request={value}").status_code == 200
    assert client.get(f"/referrals/new/?person={value}").status_code in (200, 404)
    assert client.get(f"/work/?team={value}").status_code == 200
    lead_client = login(lead)
    assert lead_client.get(f"/people/instruments/new/?from={value}").status_code == 200


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "1899-12", "2027-13", "²²²²-01"])
def test_the_payments_page_answers_any_month(login, lead, month):
    page = text_of(login(lead).get(f"/reviews/payments/?month={month}"))
    assert "March 2027" in page


def test_whole_number_takes_only_the_digits_0_to_9():
    assert whole_number("42") == 42
    assert whole_number("²") is None and whole_number("٣") is None
    assert whole_number("9" * 30) is None and whole_number("-1") is None
    assert whole_number("x", default=1) == 1


# ------------------------------------------------------------------------------------------- the messages


def test_django_default_messages_become_nhs_messages_that_name_the_field(login, case_manager):
    client = login(case_manager)
    page = text_of(
        client.post("/people/new/", person_post(family_name="H" * 101, postcode="X" * 11, email="nope"))
    )
    assert "Last name must be 100 characters or fewer" in page
    assert "Postcode must be 10 characters or fewer" in page
    assert "Enter an email address in the correct format, like name@example.com" in page
    page = text_of(client.post("/people/new/", person_post(family_name="", diagnosis="")))
    assert "Enter their last name" in page and "Choose their diagnosis" in page
    for default in ("Ensure this value", "This field is required", "Select a valid choice", "Enter a valid"):
        assert default not in page


def test_numbers_and_choices_are_named_too(login, lead):
    client = login(lead)
    page = text_of(client.post("/reviews/settings/", {"chair_fee": "lots", "training_valid_months": "999"}))
    assert "Chair fee (£) must be a number" in page
    assert "Induction training is current for (months) must be 120 or less" in page
    assert "Enter the clinical expert fee (£)" in page
    assert "This field is required" not in page


def _opendsr_form_classes():
    """Every form class written in a `forms` module or package anywhere in OpenDSR."""
    import opendsr

    for info in pkgutil.walk_packages(opendsr.__path__, "opendsr."):
        if "forms" not in info.name.split(".") or ".migrations" in info.name:
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, django_forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_form_gets_the_nhs_messages():
    classes = list(_opendsr_form_classes())
    assert len(classes) > 80
    assert [cls.__name__ for cls in classes if not issubclass(cls, Form)] == []


# ---------------------------------------------------------------------------------------------- the score


def test_a_score_of_0_shows_as_0(login, case_manager, person, today):
    from opendsr.register.queries import active_instrument

    instrument = active_instrument(person)
    answers = {f"item_{item['id']}": item["options"][0]["id"] for item in instrument.data["items"]}
    page = text_of(
        login(case_manager).post(
            f"/people/{person.pk}/rating/",
            {"step": "answers", **answers, **date_post("decided_on", today.day, today.month, today.year)},
        )
    )
    compact = page.replace(" ", "").replace("\n", "")
    assert 'Score</dt><ddclass="nhsuk-summary-list__value">0</dd>' in compact
