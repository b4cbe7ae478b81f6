"""The ICB's age rule (s2.4; 003): the age from which people give consent themselves, set by the DSR lead. It is a
fact the clock reads for everyone on that ICB's register: consent a parent gave is asked again of the person from
that age (`reconsent_self`), and My work links that to the consent form."""

import datetime as dt

import pytest

from opendsr.accounts.models import AuditEvent
from opendsr.oversight.links import action_for
from opendsr.policy import Kind
from opendsr.register.models import Obligation
from opendsr.register.recompute import recompute_all
from opendsr.register.services.consent import record_consent

pytestmark = pytest.mark.django_db
SETTINGS = "/administration/settings/"


def _reconsent(person):
    return (
        Obligation.objects.filter(person=person, kind="reconsent_self").values_list("due", "is_open").first()
    )


@pytest.fixture
def teenager(make_person, case_manager):
    """15 today; a parent consented when they were 13."""
    young = make_person(date_of_birth=dt.date(2011, 9, 1))
    record_consent(
        person=young,
        by=case_manager,
        scope=["inclusion"],
        given_by="parental_responsibility",
        given_on=dt.date(2025, 6, 1),
    )
    return young


def test_the_lead_sets_fourteen_and_the_person_is_asked_for_their_own_consent_from_fourteen(
    login, lead, icb, teenager, other_icb, case_manager
):
    assert _reconsent(teenager) == (dt.date(2027, 9, 1), True)  # 16 by default
    client = login(lead)
    assert "Age from which people give consent themselves" in client.get(SETTINGS).content.decode()
    response = client.post(
        SETTINGS,
        {"consent_age_rule": "cambridgeshire", "reminder_days_default": "7", "self_consent_age": "14"},
    )
    assert response.status_code == 302
    icb.refresh_from_db()
    assert icb.self_consent_age == 14
    assert _reconsent(teenager) == (dt.date(2025, 9, 1), True)  # their 14th birthday: overdue now
    event = AuditEvent.objects.filter(action="settings.changed").latest("pk")
    assert event.detail["before"]["self_consent_age"] == 16 and event.detail["self_consent_age"] == 14


def test_an_age_outside_14_to_18_is_refused_with_the_reason_and_nothing_changes(login, lead, icb, teenager):
    client = login(lead)
    for typed, message in (
        ("13", "must be 14 or more"),
        ("19", "must be 18 or less"),
        ("sixteen", "must be a whole number"),
    ):
        response = client.post(
            SETTINGS,
            {"consent_age_rule": "national", "reminder_days_default": "7", "self_consent_age": typed},
        )
        html = response.content.decode()
        assert response.status_code == 200 and "nhsuk-error-summary" in html and message in html
        assert f'value="{typed}"' in html  # what was typed is kept
    icb.refresh_from_db()
    assert icb.self_consent_age == 16
    assert _reconsent(teenager) == (dt.date(2027, 9, 1), True)


def test_the_whole_register_pass_reads_each_icbs_age(icb, teenager, make_person, case_manager, other_icb):
    icb.self_consent_age = 14
    icb.save()
    recompute_all()
    assert _reconsent(teenager) == (dt.date(2025, 9, 1), True)


def test_asking_for_their_own_consent_links_to_the_consent_form(teenager, case_manager):
    href, text = action_for(Kind.RECONSENT_SELF, teenager.pk, user=case_manager)
    assert (href, text) == (f"/people/{teenager.pk}/consent/", "Ask for their own consent")


def test_a_person_who_gives_their_own_consent_at_sixteen_meets_it(teenager, case_manager):
    record_consent(
        person=teenager,
        by=case_manager,
        scope=["inclusion"],
        given_by="person",
        given_on=dt.date(2027, 3, 1),
        capacity_notes="Understood the easy-read leaflet and explained it back",
    )
    assert _reconsent(teenager) is None or _reconsent(teenager)[1] is False
