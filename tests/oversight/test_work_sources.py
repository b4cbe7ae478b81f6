"""A work queue with everything in it (issue 12): C(E)TR requests and appeals to decide, referral disputes, dates
to ask again, escalations and DSR meeting actions, each linked to the page that deals with it, for whoever may act
on it, in "My work" and in the ICB view."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from opendsr.accounts.models import Role
from opendsr.meetings.services.escalation import acknowledge, raise_escalation, save_manager
from opendsr.referrals.models import Outcome, Referral
from opendsr.register.services.consent import record_consent, record_consent_refused
from opendsr.reviews.services.requests import decide_request, record_appeal, record_decline, record_request
from tests.conftest import TODAY


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def my_work(client, **query) -> tuple[str, str]:
    response = client.get(reverse("oversight:my_work"), {"show": "all", **query})
    assert response.status_code == 200
    return text(response), response.content.decode()


@pytest.fixture
def icb_days(login, lead):
    """The DSR lead gives the ICB 5 working days to decide a request, on the C(E)TR settings page."""
    response = login(lead).post(
        reverse("reviews:settings"),
        {
            "chair_fee": "0",
            "clinical_expert_fee": "350",
            "expert_by_experience_fee": "250",
            "training_valid_months": "24",
            "request_decision_days": "5",
        },
    )
    assert response.status_code == 302


def test_an_undecided_cetr_request_is_due_by_the_icbs_working_days(login, case_manager, person, icb_days):
    # Monday 22 February 2027 + 5 working days: Monday 1 March.
    row = record_request(
        person=person,
        by=case_manager,
        requested_on=dt.date(2027, 2, 22),
        requested_by="family",
        requester_name="Jo Parent",
        reason="Placement is breaking down",
    )
    page, html = my_work(login(case_manager))
    assert "Decide a request for a C(E)TR" in page
    assert "1 March 2027" in page
    assert "Asked for by Jo Parent on 22 February 2027: Placement is breaking down" in page
    assert "this ICB decides within 5 working days" in page
    assert f'href="{reverse("reviews:request", args=[row.pk])}"' in html
    decide_request(
        review_request=row,
        by=case_manager,
        decision="agreed",
        decided_on=TODAY,
        reasons="",
        communicated_on=TODAY,
    )
    assert "Decide a request for a C(E)TR" not in my_work(login(case_manager))[0]


def test_an_appeal_against_a_refusal_waits_for_its_decision(login, case_manager, person, icb_days):
    row = record_request(
        person=person,
        by=case_manager,
        requested_on=dt.date(2027, 2, 1),
        requested_by="person",
        reason="Worried",
    )
    decide_request(
        review_request=row,
        by=case_manager,
        decision="declined",
        decided_on=dt.date(2027, 2, 3),
        reasons="Review due next month anyway",
    )
    record_appeal(
        review_request=row, by=case_manager, appealed_on=dt.date(2027, 2, 15), grounds="Cannot wait"
    )
    page, _ = my_work(login(case_manager))
    assert "Decide the appeal against a refused C(E)TR request" in page
    assert "Appealed on 15 February 2027: Cannot wait" in page
    assert "22 February 2027" in page and "Overdue" in page  # 5 working days after 15 February


def test_a_dispute_waiting_for_an_outcome_links_to_its_outcome_form(login, lead, case_manager, person):
    referral = Referral.objects.create(
        person=person,
        received_on=dt.date(2027, 1, 4),
        source="professional",
        channel="email",
        reason="Escalating distress",
        outcome=Outcome.NOT_ELIGIBLE,
        outcome_decided_on=dt.date(2027, 1, 20),
        outcome_communicated_on=dt.date(2027, 1, 21),
        disputed_on=dt.date(2027, 2, 19),
        dispute_grounds="The family disagree",
    )
    page, html = my_work(login(case_manager))
    assert "Referral decision disputed: record the outcome" in page
    assert "Disputed on 19 February 2027 (10 days waiting)" in page
    assert reverse("referrals:dispute_outcome", args=[referral.pk]) in html
    icb = text(login(lead).get(reverse("oversight:icb_work")))
    assert re.search(
        r"Referral disputes 0 0 1 1", icb
    )  # counted by kind in the ICB view: none overdue, 1 open
    referral.dispute_outcome, referral.dispute_decided_on = "not_upheld", TODAY
    referral.save()
    assert "Referral decision disputed" not in my_work(login(case_manager))[0]


def test_dates_to_ask_again_after_a_refusal_and_a_declined_review(login, case_manager, make_person, team):
    refused = make_person(given_name="Rita", family_name="Refused", team=team)
    record_consent_refused(
        person=refused,
        by=case_manager,
        reasons="Does not want to be on a list",
        alternative_offered="A C(E)TR without being on the register",
        refused_on=dt.date(2027, 1, 4),
        revisit_on=dt.date(2027, 3, 8),
    )
    declined = make_person(given_name="Dan", family_name="Declined", team=team)
    record_decline(
        person=declined,
        by=case_manager,
        declined_on=dt.date(2027, 1, 11),
        reasons="Too much at once",
        alternative_offered="A desktop review",
        revisit_on=dt.date(2027, 2, 22),
    )
    later = make_person(given_name="Lia", family_name="Later", team=team)
    record_consent_refused(
        person=later,
        by=case_manager,
        reasons="No",
        refused_on=dt.date(2027, 1, 4),
        revisit_on=dt.date(2027, 9, 1),
    )
    page, html = my_work(login(case_manager), kind="ask_again")
    assert "Ask again for consent to be on the register" in page and "8 March 2027" in page
    assert "Offered instead: A C(E)TR without being on the register" in page
    assert reverse("register:consent", args=[refused.pk]) in html
    assert "Ask again about a C(E)TR they declined" in page and "22 February 2027" in page
    assert reverse("reviews:new", args=[declined.pk]) in html
    assert "Lia Later" not in page  # not for six months yet
    record_consent(person=refused, by=case_manager, scope=["inclusion"], given_by="person", given_on=TODAY)
    assert "Ask again for consent" not in my_work(login(case_manager), kind="ask_again")[0]


@pytest.fixture
def manager(icb, lead, make_user):
    user = make_user(Role.CASE_MANAGER, first_name="Tara", last_name="Teammanager", email="tara@example.org")
    return save_manager(icb=icb, by=lead, user=user, organisation=icb, level=1, title="Team manager")


def test_an_escalation_is_in_its_managers_work_until_closed(login, manager, case_manager, person):
    escalation = raise_escalation(person=person, reason="No placement found", link="/", today=TODAY)
    page, html = my_work(login(manager.user))
    assert "Escalation: No placement found" in page
    assert "acknowledge it" in page and "3 March 2027" in page  # two working days
    assert reverse("escalations:detail", args=[escalation.pk]) in html
    # Someone who may not act on it does not have it in their work.
    assert "No placement found" not in my_work(login(case_manager))[0]
    acknowledge(escalation=escalation, by=manager.user)
    page, _ = my_work(login(manager.user), kind="escalation")
    assert "record what was done and close it" in page


def test_a_time_to_decide_of_none_shows_the_error_summary_and_keeps_the_setting(login, lead):
    response = login(lead).post(
        reverse("reviews:settings"),
        {
            "chair_fee": "0",
            "clinical_expert_fee": "350",
            "expert_by_experience_fee": "250",
            "training_valid_months": "24",
            "request_decision_days": "0",
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert "There is a problem" in page and "The number of working days must be between 1 and 60" in page
    assert "0" in page  # what was typed is kept
    from opendsr.reviews.queries import settings_for

    assert settings_for(lead.icb).request_decision_days == 10
