"""Escalation to named senior managers (001 s4; s20.3): rules read from the stored obligations, the nightly run,
email digests, acknowledgement, moving up a level, and the escalations list with its export."""

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from opendsr.accounts.models import Role
from opendsr.meetings import escalation_run
from opendsr.meetings.models import Escalation, EscalationStatus
from opendsr.meetings.services.escalation import raise_escalation, save_manager, save_rule
from tests.conftest import TODAY


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def managers(icb, lead, make_user):
    team_manager = make_user(
        Role.CASE_MANAGER, first_name="Tara", last_name="Teammanager", email="tara@example.org"
    )
    head = make_user(Role.CASE_MANAGER, first_name="Hal", last_name="Head", email="hal@example.org")
    return {
        1: save_manager(icb=icb, by=lead, user=team_manager, organisation=icb, level=1, title="Team manager"),
        2: save_manager(icb=icb, by=lead, user=head, organisation=icb, level=2, title="Head of service"),
    }


def red_rule(icb, lead, days=7, within=2, urgent=False):
    return save_rule(
        icb=icb,
        by=lead,
        kind="red_community_cetr",
        days=days,
        line="health",
        urgent=urgent,
        acknowledge_within=within,
    )


def test_a_red_persons_overdue_community_cetr_is_escalated_to_the_first_level(icb, lead, managers, register):
    # Rated red on 11 January: the community C(E)TR was due that day, 49 days before 1 March.
    red_rule(icb, lead, days=7)
    assert escalation_run.raise_for_rules(TODAY) == 1
    escalation = Escalation.objects.get()
    assert escalation.person == register["red"]
    assert escalation.manager == managers[1]
    assert "Community C(E)TR was due 11 January 2027: 49 days overdue" in escalation.reason
    assert escalation.link == reverse("register:detail", args=[register["red"].pk])
    # Found again tomorrow, it is not escalated twice.
    assert escalation_run.raise_for_rules(TODAY + dt.timedelta(days=1)) == 0


def test_a_rule_with_more_days_than_the_delay_raises_nothing(icb, lead, managers, register):
    red_rule(icb, lead, days=60)
    assert escalation_run.raise_for_rules(TODAY) == 0


def test_other_rules_read_referrals_ratings_and_overdue_obligations(icb, lead, managers, register):
    save_rule(icb=icb, by=lead, kind="red_without_change", days=28, line="health", acknowledge_within=2)
    save_rule(icb=icb, by=lead, kind="referral_not_stratified", days=0, line="health", acknowledge_within=2)
    escalation_run.raise_for_rules(TODAY)
    reasons = {e.person.given_name: e.reason for e in Escalation.objects.all()}
    assert reasons == {
        "Rowan": "Red since 11 January 2027 without change (49 days)"
    }  # the referral is not late yet
    escalation_run.raise_for_rules(dt.date(2027, 3, 22))
    assert "Rhea" in {e.person.given_name for e in Escalation.objects.all()}


def test_an_escalation_not_acknowledged_in_its_working_days_moves_up_a_level(icb, lead, managers, register):
    # Raised on Thursday 25 March 2027 with 2 working days: Good Friday and Easter Monday are bank holidays, so
    # it is due by Wednesday 31 March and moves up on Thursday 1 April, not before.
    escalation = raise_escalation(
        person=register["red"], reason="Stuck", link="/", acknowledge_within=2, today=dt.date(2027, 3, 25)
    )
    assert escalation.acknowledge_by == dt.date(2027, 3, 31)
    assert escalation_run.move_up_unacknowledged(dt.date(2027, 3, 31)) == 0
    assert escalation_run.move_up_unacknowledged(dt.date(2027, 4, 1)) == 1
    escalation.refresh_from_db()
    assert (escalation.manager, escalation.level) == (managers[2], 2)
    assert escalation.acknowledge_by == dt.date(2027, 4, 5)
    assert [step.why for step in escalation.steps.all()] == ["Raised", "Not acknowledged by 31 March 2027"]


def test_an_acknowledged_escalation_stays_where_it_is(icb, lead, managers, register):
    escalation = raise_escalation(person=register["red"], reason="Stuck", link="/", today=dt.date(2027, 3, 1))
    escalation.status = EscalationStatus.ACKNOWLEDGED
    escalation.save()
    assert escalation_run.move_up_unacknowledged(dt.date(2027, 4, 1)) == 0


def test_the_nightly_run_emails_each_manager_a_digest_with_initials_only(icb, lead, managers, register):
    red_rule(icb, lead, days=7, urgent=True)
    call_command("escalate")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tara@example.org"]
    assert "1 escalation for you (1 urgent)" in message.subject
    assert "R.R." in message.body and "Rowan" not in message.body
    # Emailed once: the next night sends nothing new.
    call_command("escalate")
    assert len(mail.outbox) == 1


def test_a_manager_who_chose_urgent_only_is_not_emailed_the_others(icb, lead, managers, register, login):
    client = login(managers[1].user)
    response = client.post(reverse("escalations:email_choice"), {"urgent_only": "true"})
    assert response.status_code == 302
    red_rule(icb, lead, days=7, urgent=False)
    escalation_run.run(today=TODAY)
    assert mail.outbox == []
    assert "Community C(E)TR" in text(client.get(reverse("escalations:list")))


def test_the_manager_acknowledges_records_what_was_done_and_closes_it(icb, lead, managers, register, login):
    escalation = raise_escalation(person=register["red"], reason="No provider", link="/")
    client = login(managers[1].user)
    page = text(client.get(reverse("escalations:detail", args=[escalation.pk])))
    assert "No provider" in page and "Tara Teammanager, Team manager" in page
    assert (
        client.post(reverse("escalations:detail", args=[escalation.pk]), {"step": "acknowledge"}).status_code
        == 302
    )
    response = client.post(
        reverse("escalations:detail", args=[escalation.pk]),
        {"step": "progress", "action_taken": "Funding agreed with the council", "close": "true"},
    )
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.CLOSED
    assert (escalation.acknowledged_on, escalation.closed_on) == (TODAY, TODAY)
    assert escalation.action_taken == "Funding agreed with the council"


def test_closing_without_saying_what_was_done_shows_the_error(icb, lead, managers, register, login):
    escalation = raise_escalation(person=register["red"], reason="No provider", link="/")
    response = login(managers[1].user).post(
        reverse("escalations:detail", args=[escalation.pk]),
        {"step": "progress", "action_taken": "", "close": "true"},
    )
    assert "There is a problem" in text(response) and "Enter what was done" in text(response)
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.OPEN


def test_someone_else_cannot_acknowledge_a_managers_escalation(
    icb, lead, managers, register, login, case_manager
):
    escalation = raise_escalation(person=register["red"], reason="No provider", link="/")
    response = login(case_manager).post(
        reverse("escalations:detail", args=[escalation.pk]), {"step": "acknowledge"}
    )
    assert response.status_code == 403
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.OPEN


def test_a_manager_lists_only_their_own_and_the_lead_filters_and_exports(
    icb, lead, managers, register, login
):
    raise_escalation(person=register["red"], reason="For level one", link="/")
    other = raise_escalation(person=register["amber"], reason="Moved up already", link="/")
    other.manager, other.level = managers[2], 2
    other.save()
    mine = text(login(managers[1].user).get(reverse("escalations:list")))
    assert "For level one" in mine and "Moved up already" not in mine
    client = login(lead)
    everyone = text(client.get(reverse("escalations:list") + "?whose=all"))
    assert "For level one" in everyone and "Moved up already" in everyone
    level_two = text(client.get(reverse("escalations:list") + "?whose=all&level=2"))
    assert "For level one" not in level_two and "Moved up already" in level_two
    export = client.get(reverse("escalations:export", args=["csv"]) + "?whose=all&level=2")
    body = export.content.decode("utf-8-sig")
    assert "Moved up already" in body and "For level one" not in body
    assert export["Content-Disposition"].startswith("attachment")


def test_a_rule_with_nonsense_days_shows_the_error_and_saves_nothing(login, lead):
    response = login(lead).post(
        reverse("escalations:rule_add"),
        {"kind": "obligation_overdue", "days": "-3", "line": "health", "acknowledge_within": "99"},
    )
    page = text(response)
    assert "There is a problem" in page
    from opendsr.meetings.models import EscalationRule

    assert not EscalationRule.objects.exists()


def test_an_analyst_cannot_be_named_a_senior_manager(icb, lead, make_user):
    from django.core.exceptions import ValidationError

    analyst = make_user(Role.ANALYST)
    with pytest.raises(ValidationError):
        save_manager(icb=icb, by=lead, user=analyst, organisation=icb, level=1, title="Team manager")


def test_the_nightly_queue_runs_the_escalation_run_after_the_recompute(icb, lead, managers, register):
    """`opendsr enqueue_nightly` (from cron) queues the recompute, the reminders and the escalation run; here the
    tasks run as soon as they are queued, as the worker would run them in turn."""
    red_rule(icb, lead, days=7, urgent=True)
    out = io.StringIO()
    call_command("enqueue_nightly", "--no-reminders", stdout=out)
    assert "Queued the escalation run" in out.getvalue()
    escalation = Escalation.objects.get()
    assert escalation.person == register["red"] and escalation.manager == managers[1]
    assert [message.to for message in mail.outbox] == [["tara@example.org"]]
    assert "1 escalation for you (1 urgent)" in mail.outbox[0].subject


def test_the_escalation_run_is_queued_after_the_recompute(db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    call_command("enqueue_nightly", stdout=io.StringIO())
    queued = {r.task_path: r.priority for r in DBTaskResult.objects.all()}
    assert (
        queued["opendsr.meetings.tasks.nightly_escalations"]
        < queued["opendsr.oversight.tasks.nightly_recompute"]
    )
