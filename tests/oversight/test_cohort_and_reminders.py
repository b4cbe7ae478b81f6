"""The oversight panel list and its exports, the daily reminder email, and the recompute command."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import load_workbook

from opendsr.accounts.models import AuditEvent, Role
from opendsr.oversight.reminders import send_reminders
from opendsr.register import timeline
from opendsr.register.models import Location, Obligation
from tests.factories import PersonFactory, TeamFactory


def long_stay(person, on=dt.date(2026, 6, 1)):
    # A child admitted 9 months ago: the stay reached 6 months on 1 December 2026 (s18).
    timeline.record_event(
        person=person, type="admitted", date=on, data={"setting": "secure", "route": "civil"}
    )
    person.location = Location.INPATIENT
    person.save()


@pytest.fixture
def in_cohort(make_person, team):
    child = make_person(
        team=team, date_of_birth=dt.date(2012, 5, 5), given_name="Kit", family_name="Longstay"
    )
    long_stay(child)
    decliner = make_person(team=team, given_name="Dee", family_name="Decliner")
    for day in (5, 19):
        timeline.record_event(person=decliner, type="cetr_declined", date=dt.date(2027, 1, day))
    return child, decliner


def test_the_cohort_lists_why_since_when_and_length_of_stay(in_cohort, lead, login):
    page = login(lead).get("/work/oversight-panel/").content.decode()
    assert "2 people" in page
    assert "Inpatient stay reached 6 months (s18)" in page
    assert "1 December 2026" in page
    assert "273 days" in page  # 1 June 2026 to 1 March 2027
    assert "Declined a C(E)TR twice or more (s2.4.3)" in page
    assert "19 January 2027" in page


def test_the_cohort_is_empty_when_nobody_is_waiting(lead, login):
    assert (
        "Nobody is waiting for the oversight panel"
        in login(lead).get("/work/oversight-panel/").content.decode()
    )


def test_the_csv_export_is_audited(in_cohort, lead, login):
    response = login(lead).get("/work/oversight-panel/export.csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Kit Longstay" in text and "Inpatient stay reached 6 months (s18)" in text
    assert AuditEvent.objects.filter(action="cohort.exported", user=lead).exists()


def test_the_excel_export_has_a_row_per_person(in_cohort, lead, login):
    response = login(lead).get("/work/oversight-panel/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Name"
    assert {r[0] for r in rows[1:]} == {"Kit Longstay", "Dee Decliner"}
    kit = next(r for r in rows if r[0] == "Kit Longstay")
    assert kit[8] == 273


def test_an_oversight_panel_member_sees_only_the_cohort(in_cohort, make_user, make_person, login):
    member = make_user(Role.OVERSIGHT_PANEL)
    make_person(given_name="Not", family_name="Listed")
    page = login(member).get("/work/oversight-panel/").content.decode()
    assert "Kit Longstay" in page and "Not Listed" not in page


# ------------------------------------------------------------------------------------------- reminders


@pytest.fixture
def team_with_work(icb, team, make_user, make_person):
    manager = make_user(Role.CASE_MANAGER, team=team, first_name="Mo", email="mo@test.example")
    mine = make_person(team=team, case_manager=manager, given_name="Alice", family_name="Brown")
    timeline.record_event(person=mine, type="stratified", date=dt.date(2027, 2, 20), data={"rating": "red"})
    return manager, mine


def test_the_reminder_lists_overdue_work_by_initials_only(team_with_work, icb, other_icb):
    manager, mine = team_with_work
    other_team = TeamFactory(icb=icb)
    hidden = PersonFactory(icb=icb, team=other_team, given_name="Zed", family_name="Hidden")
    timeline.record_event(person=hidden, type="stratified", date=dt.date(2027, 2, 20), data={"rating": "red"})
    stranger = PersonFactory(icb=other_icb, given_name="Yan", family_name="Stranger")
    timeline.record_event(
        person=stranger, type="stratified", date=dt.date(2027, 2, 20), data={"rating": "red"}
    )

    assert send_reminders() == 1
    message = mail.outbox[0]
    assert message.to == ["mo@test.example"]
    assert "Community C(E)TR for A.B.: due 20 February 2027, 9 days overdue" in message.body
    assert "Alice" not in message.body and "Brown" not in message.body and mine.nhs_number not in message.body
    assert "Z.H." not in message.body and "Y.S." not in message.body
    html = message.alternatives[0][0]
    assert "A.B." in html and "Alice" not in html


def test_opting_out_stops_the_email(team_with_work, login):
    manager, _ = team_with_work
    client = login(manager)
    response = client.post("/work/reminders/", {"wants_reminders": "no", "reminder_days": "7"})
    assert response.status_code == 302
    assert send_reminders() == 0
    assert mail.outbox == []


def test_reminder_days_decide_how_far_ahead_the_email_looks(team_with_work, make_person, team):
    manager, _ = team_with_work
    later = make_person(team=team, case_manager=manager, given_name="Lee", family_name="Later")
    timeline.record_event(
        person=later, type="referral_received", date=dt.date(2027, 3, 1), data={"source": "self"}
    )
    manager.reminder_days = 3
    manager.save()
    send_reminders()
    assert "L.L." not in mail.outbox[-1].body  # acknowledgement due 8 March, 7 days away
    manager.reminder_days = 10
    manager.save()
    send_reminders()
    assert "Acknowledge the referral for L.L.: due 8 March 2027, due in 7 days" in mail.outbox[-1].body


def test_reminder_settings_errors_keep_what_was_typed(team_with_work, login):
    manager, _ = team_with_work
    page = login(manager).post("/work/reminders/", {"wants_reminders": "yes", "reminder_days": "500"})
    text = page.content.decode()
    assert "<title>Error: " in text and "Number of days must be 90 or fewer" in text and 'value="500"' in text


def test_send_reminders_command_says_how_many_were_sent(team_with_work):
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 1 reminder email."


# ------------------------------------------------------------------------------------------- recompute


def test_recompute_reports_what_changed(in_cohort):
    child, _ = in_cohort
    Obligation.objects.filter(person=child, kind="oversight_panel_review").delete()
    out = io.StringIO()
    call_command("recompute", stdout=out)
    text = out.getvalue()
    assert "Recomputed 2 people" in text and "1 changed, 1 obligations added, 0 removed" in text
    assert Obligation.objects.filter(person=child, kind="oversight_panel_review", is_open=True).exists()
    out = io.StringIO()
    call_command("recompute", stdout=out)
    assert "0 changed, 0 obligations added, 0 removed" in out.getvalue()


def test_enqueue_nightly_queues_the_recompute_the_reminders_the_escalations_and_the_monthly_return(
    db, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    out = io.StringIO()
    call_command("enqueue_nightly", stdout=out)
    assert "Queued the recompute" in out.getvalue()
    assert {r.task_path for r in DBTaskResult.objects.all()} == {
        "opendsr.oversight.tasks.nightly_recompute",
        "opendsr.oversight.tasks.daily_reminders",
        "opendsr.meetings.tasks.nightly_escalations",
        "opendsr.reporting.tasks.monthly_returns",
    }
