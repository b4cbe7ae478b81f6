"""No one is rated onto the register without consent to be on it standing on the day of the decision, given by
them or for them, or a recorded best interests decision under the Mental Capacity Act 2005 (s2.4, s2.4.1;
issue 12). Re-rating someone already on the register adds no one, so it is not asked again."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from opendsr.register.models import RatingDecision, RegisterStatus
from opendsr.register.services.consent import withdraw_consent
from opendsr.register.services.rating import record_rating
from tests.factories import give_consent

pytestmark = pytest.mark.django_db

REFUSED = (
    "cannot be rated onto the register without consent to be on it, or a recorded best-interests decision"
)


@pytest.fixture
def referred(make_person):
    return make_person(status=RegisterStatus.REFERRED, given_name="Robin")


def rate(person, by, rating="amber", on=dt.date(2027, 3, 1)):
    return record_rating(person=person, by=by, rating=rating, decided_on=on, rationale="At risk at home")


def decide(person, **changes) -> dict:
    """The rating page's second step: the instrument's answers, and an amber rating that differs from them."""
    from opendsr.register.queries import active_instrument

    instrument = active_instrument(person)
    answers = {f"item_{item['id']}": item["options"][0]["id"] for item in instrument.data["items"]}
    return {
        "step": "decide",
        **answers,
        "decided_on": "2027-03-01",
        "rating": "amber",
        "professional_judgement": "Risk is rising at home",
        "rationale": "Placement at risk",
        **changes,
    }


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize("rating", ["red", "amber", "green", "blue"])
def test_a_rating_onto_the_register_without_consent_is_refused_and_saves_nothing(
    referred, case_manager, rating
):
    with pytest.raises(ValidationError) as refused:
        rate(referred, case_manager, rating)
    [message] = refused.value.message_dict["rating"]
    assert REFUSED in message and "none is recorded on or before 1 March 2027" in message
    referred.refresh_from_db()
    assert (referred.status, referred.current_rating) == (RegisterStatus.REFERRED, "")
    assert not RatingDecision.objects.filter(person=referred).exists()


def test_consent_given_by_the_person_lets_the_rating_put_them_on_the_register(referred, case_manager):
    give_consent(referred, case_manager, dt.date(2027, 2, 20))
    rate(referred, case_manager, "red")
    referred.refresh_from_db()
    assert (referred.status, referred.current_rating) == (RegisterStatus.ACTIVE, "red")


def test_a_best_interests_decision_lets_the_rating_put_them_on_the_register(referred, case_manager):
    give_consent(referred, case_manager, dt.date(2027, 2, 20), given_by="best_interests")
    rate(referred, case_manager, "amber")
    referred.refresh_from_db()
    assert (referred.status, referred.current_rating) == (RegisterStatus.ACTIVE, "amber")


def test_consent_must_stand_on_the_day_of_the_decision(referred, case_manager):
    give_consent(referred, case_manager, dt.date(2027, 2, 20))
    with pytest.raises(ValidationError, match="none is recorded on or before 10 February 2027"):
        rate(referred, case_manager, on=dt.date(2027, 2, 10))  # before consent was given
    withdraw_consent(person=referred, by=case_manager, withdrawn_on=dt.date(2027, 2, 25))
    with pytest.raises(ValidationError, match="cannot be rated onto the register"):
        rate(referred, case_manager)  # withdrawn since


def test_not_eligible_needs_no_consent(referred, case_manager):
    rate(referred, case_manager, "not_eligible")
    referred.refresh_from_db()
    assert referred.status == RegisterStatus.REFERRED


def test_someone_already_on_the_register_is_rated_again_without_asking_consent_again(person, case_manager):
    # Imported people whose old sheet had no consent date are on the register: their rating still moves on.
    rate(person, case_manager, "red")
    person.refresh_from_db()
    assert person.current_rating == "red"


def test_coming_back_after_leaving_needs_consent_again(person, case_manager):
    from opendsr.register.services.leaving import remove_from_register

    remove_from_register(person=person, by=case_manager, reason="risk_reduced", left_on=dt.date(2027, 2, 1))
    with pytest.raises(ValidationError, match="cannot be rated onto the register"):
        rate(person, case_manager)


def test_the_rating_page_links_the_refusal_to_where_consent_is_recorded(login, case_manager, referred):
    client = login(case_manager)
    response = client.post(
        f"/people/{referred.pk}/rating/", decide(referred, person_view="I want to stay home")
    )
    page = text_of(response)
    assert response.status_code == 200 and "<title>Error: " in page
    summary = page[page.index("nhsuk-error-summary") : page.index("</ul>", page.index("nhsuk-error-summary"))]
    assert f'href="/people/{referred.pk}/consent/"' in summary and REFUSED in summary
    assert "Placement at risk" in page and "I want to stay home" in page  # what was typed is kept
    assert not RatingDecision.objects.filter(person=referred).exists()


def test_once_consent_is_recorded_the_same_answers_save(login, case_manager, referred):
    client = login(case_manager)
    answers = decide(referred)
    assert client.post(f"/people/{referred.pk}/rating/", answers).status_code == 200
    give_consent(referred, case_manager, dt.date(2027, 3, 1))
    assert client.post(f"/people/{referred.pk}/rating/", answers).status_code == 302
    referred.refresh_from_db()
    assert (referred.status, referred.current_rating) == (RegisterStatus.ACTIVE, "amber")
