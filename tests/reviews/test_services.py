"""C(E)TRs as the people who run them see them: what is due, what the panel warns about, who is invited, what the
clock does when a review is held and its report sent."""

import datetime as dt
import io
import subprocess

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from opendsr.accounts.models import Role
from opendsr.oversight.services import record_timeline_event
from opendsr.register.models import Obligation
from opendsr.reviews import queries, report
from opendsr.reviews.models import Question
from opendsr.reviews.services.directory import record_payment
from opendsr.reviews.services.invitations import send_invitations
from opendsr.reviews.services.meeting import (
    add_action,
    hold_review,
    raise_safeguarding,
    record_findings,
    record_review_rating,
    resume_after_halt,
)
from opendsr.reviews.services.organising import (
    cancel_review,
    choose_panel,
    organise_review,
    update_arrangements,
)
from opendsr.reviews.services.report import approve_report, send_report, update_report_details
from opendsr.reviews.services.requests import decide_request, record_appeal, record_decline, record_request
from tests.reviews.factories import PanelMemberFactory, ReviewFactory


def admit(person, by, on=dt.date(2027, 2, 22)):
    record_timeline_event(
        person=person, by=by, type="admitted", date=on, data={"setting": "non_secure", "route": "civil"}
    )


def held_review(person, by, *, kind="community", held_on=dt.date(2027, 3, 1), **arrangements):
    # Continue the review already being organised, as My work does, or organise one.
    review = person.reviews.filter(status="planning", kind=kind).first() or organise_review(
        person=person, by=by, kind=kind
    )
    update_arrangements(
        review=review,
        by=by,
        scheduled_for=held_on,
        venue=arrangements.get("venue", "Northdale Resource Centre"),
        video_link="",
    )
    hold_review(review=review, by=by, held_on=held_on, why_not_community=arrangements.get("why", ""))
    return review


def test_a_review_on_the_18th_birthday_is_a_ctr_and_the_day_before_a_cetr(make_person, case_manager):
    # Tests run on 1 March 2027.
    turns_18_today = make_person(date_of_birth=dt.date(2009, 3, 1))
    turns_18_tomorrow = make_person(date_of_birth=dt.date(2009, 3, 2))
    assert organise_review(person=turns_18_today, by=case_manager, kind="community").pathway == "ctr"
    assert organise_review(person=turns_18_tomorrow, by=case_manager, kind="community").pathway == "cetr"


def test_a_post_admission_review_is_due_when_the_clock_says(make_person, case_manager):
    child = make_person(date_of_birth=dt.date(2012, 1, 1))
    admit(child, case_manager)
    review = organise_review(person=child, by=case_manager, kind="post_admission")
    assert review.meets == "post_admission_cetr"
    assert review.due_by == dt.date(2027, 3, 8)  # 10 working days after 22 February for a child


def test_holding_it_meets_the_review_and_starts_the_report_deadline_which_sending_meets(
    make_person, case_manager, django_capture_on_commit_callbacks
):
    child = make_person(date_of_birth=dt.date(2012, 1, 1), email="family@example.org")
    admit(child, case_manager)
    with pytest.raises(ValidationError, match="cannot be given in the community"):
        held_review(child, case_manager, kind="post_admission")
    review = held_review(child, case_manager, kind="post_admission", why="Assessment of new medication.")
    assert Obligation.objects.get(person=child, kind="post_admission_cetr").met_on == dt.date(2027, 3, 1)
    report_due = Obligation.objects.get(person=child, kind="cetr_report")
    assert report_due.due == dt.date(2027, 3, 15) and report_due.met_on is None

    for question in Question:
        record_findings(review=review, by=case_manager, question=question.value, not_discussed=True)
    add_action(
        review=review,
        by=case_manager,
        text="Easy read care plan",
        owner_name="Ola",
        owner_organisation="Ward",
        due=dt.date(2027, 3, 20),
    )
    update_report_details(review=review, by=case_manager, lead_contact="Carl Case, 0300 000 0000", summary="")
    with pytest.raises(ValidationError) as error:
        approve_report(review=review, by=case_manager)
    assert (
        "Record the rating decision: every review must look again at the person's rating"
        in error.value.messages
    )

    record_review_rating(review=review, by=case_manager, rating="blue", rationale="In hospital.")
    child.refresh_from_db()
    assert child.current_rating == "blue"
    approve_report(review=review, by=case_manager)
    with django_capture_on_commit_callbacks(execute=True):
        send_report(
            review=review,
            by=case_manager,
            sent_on=dt.date(2027, 3, 1),
            recipients=[("Ali's family", "family@example.org")],
            method="email",
        )
    assert [a[0] for a in mail.outbox[-1].attachments] == ["review-report.pdf", "review-easy-read.pdf"]
    assert Obligation.objects.get(person=child, kind="cetr_report").met_on == dt.date(2027, 3, 1)
    logged = child.communications.get(what="C(E)TR report")  # and it is in their communication log
    assert (logged.method, logged.to_name, logged.to_address) == (
        "email",
        "Ali's family",
        "family@example.org",
    )


def test_a_review_held_after_it_was_due_goes_to_the_oversight_panel(make_person, case_manager):
    adult = make_person(date_of_birth=dt.date(1990, 1, 1))
    admit(adult, case_manager, on=dt.date(2026, 12, 1))
    held_review(adult, case_manager, kind="post_admission", why="Needs assessment.")
    assert Obligation.objects.filter(person=adult, kind="oversight_panel_review", is_open=True).exists()


def test_declining_twice_puts_them_on_the_oversight_list(person, case_manager):
    record_decline(person=person, by=case_manager, declined_on=dt.date(2027, 1, 5), reasons="Not now")
    assert not Obligation.objects.filter(person=person, kind="oversight_panel_review").exists()
    with pytest.raises(ValidationError):
        record_decline(person=person, by=case_manager, declined_on=dt.date(2027, 2, 5), reasons="")
    record_decline(
        person=person,
        by=case_manager,
        declined_on=dt.date(2027, 2, 5),
        reasons="Too many people",
        alternative_offered="Desktop review",
        revisit_on=dt.date(2027, 4, 5),
    )
    assert Obligation.objects.filter(person=person, kind="oversight_panel_review", is_open=True).exists()


def test_panel_warnings_name_the_problem_and_go_when_it_is_fixed(icb, person, case_manager):
    review = ReviewFactory(person=person, venue="Oakwood Hospital, Ward 3")
    chair = PanelMemberFactory(icb=icb, role="chair", name="Helen")
    expert = PanelMemberFactory(icb=icb, role="expert_by_experience", name="Kim")
    stale = PanelMemberFactory(icb=icb, name="Priya", induction_trained_on=dt.date(2023, 1, 1))
    conflicted = PanelMemberFactory(icb=icb, name="Tom", organisation="Oakwood Hospital")
    panel = {"chair": chair, "clinical_expert": stale, "expert_by_experience": expert}
    warnings = queries.warnings_for_panel(review, panel)
    assert any(
        "Priya's induction training (1 January 2023) is more than 24 months old" in w for w in warnings
    )
    assert any(
        "Tom" in w for w in queries.warnings_for_panel(review, {**panel, "clinical_expert": conflicted})
    )
    with pytest.raises(ValidationError):
        choose_panel(review=review, by=case_manager, members=panel, accept_warnings=True, reason="")
    assert not review.seats.exists()
    choose_panel(review=review, by=case_manager, members=panel, accept_warnings=True, reason="Only one free")
    assert review.seats.get(role="clinical_expert").warnings_accepted_reason == "Only one free"
    stale.induction_trained_on = dt.date(2026, 9, 1)
    stale.save()
    assert queries.warnings_for_panel(review, panel) == []
    assert (
        review.seats.get(role="chair").fee == 0 and review.seats.get(role="expert_by_experience").fee == 250
    )


def test_a_16_year_olds_invitations_include_education_transitions_and_a_keyworker_who_must_attend(
    make_person,
):
    young = ReviewFactory(person=make_person(date_of_birth=dt.date(2010, 6, 1)), pathway="cetr")
    adult = ReviewFactory(person=make_person(date_of_birth=dt.date(1990, 6, 1)), pathway="ctr")
    young_roles = {row["role"]: row for row in queries.proposed_invitees(young)}
    adult_roles = {row["role"] for row in queries.proposed_invitees(adult)}
    assert young_roles["keyworker"]["must_attend"] is True
    assert {"sen_team", "education_provider", "transitions_team", "childrens_social_care"} <= set(young_roles)
    assert "adult_social_care" in adult_roles and "sen_team" not in adult_roles


def test_an_emailed_invitation_carries_a_calendar_file_for_the_review(
    person, case_manager, django_capture_on_commit_callbacks
):
    review = ReviewFactory(person=person, scheduled_for=dt.date(2027, 3, 9), starts_at=dt.time(10, 30))
    with django_capture_on_commit_callbacks(execute=True):
        send_invitations(
            review=review,
            by=case_manager,
            invitees=[
                {"role": "advocate", "name": "Pat", "email": "pat@example.org", "method": "email"},
                {"role": "housing", "name": "Housing team", "method": "letter"},
            ],
        )
    [message] = mail.outbox
    assert message.to == ["pat@example.org"]
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    text = content.decode() if isinstance(content, bytes) else content
    assert "DTSTART;TZID=Europe/London:20270309T103000\r\n" in text
    assert "BEGIN:VEVENT" in text and "END:VCALENDAR" in text
    assert review.invitations.get(name="Housing team").method == "letter"


def test_a_halted_review_cannot_be_held_until_it_resumes(person, case_manager):
    review = ReviewFactory(person=person)
    with pytest.raises(ValidationError, match="Say who was told"):
        raise_safeguarding(
            review=review, by=case_manager, level="halt", concern="Unsafe", raised_on=dt.date(2027, 3, 1)
        )
    concern = raise_safeguarding(
        review=review,
        by=case_manager,
        level="halt",
        concern="Unsafe",
        raised_on=dt.date(2027, 3, 1),
        told_whom="Regional director of nursing, commissioner, provider",
    )
    assert queries.safeguarding_requirements(concern) == [
        "Refer to the local authority the same day",
        "Notify the Care Quality Commission (CQC)",
    ]
    with pytest.raises(ValidationError, match="halted"):
        hold_review(review=review, by=case_manager, held_on=dt.date(2027, 3, 1))
    concern.referred_to_local_authority_on = dt.date(2027, 3, 1)
    concern.save()
    resume_after_halt(concern=concern, by=case_manager)
    hold_review(review=review, by=case_manager, held_on=dt.date(2027, 3, 1))


def test_the_report_pdf_says_what_was_found_what_happens_next_and_the_rating(person, case_manager, tmp_path):
    review = held_review(person, case_manager)
    record_findings(review=review, by=case_manager, question="safe", findings="Feels safe at home.")
    add_action(
        review=review,
        by=case_manager,
        text="Book a dental check",
        owner_name="Jo",
        owner_organisation="GP",
        due=dt.date(2027, 4, 1),
    )
    record_review_rating(review=review, by=case_manager, rating="amber", rationale="Risk reducing.")
    path = tmp_path / "report.pdf"
    path.write_bytes(report.report_pdf(review))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for words in [q.label for q in Question] + [
        "Feels safe at home.",
        "Book a dental check",
        "1 April 2027",
        "Amber",
    ]:
        assert words in text, words


def test_the_monthly_payments_export_adds_up(icb, person, case_manager, lead, login):
    review = held_review(person, case_manager)
    chair = PanelMemberFactory(icb=icb, role="chair")
    clinical = PanelMemberFactory(icb=icb, role="clinical_expert")
    expert = PanelMemberFactory(icb=icb, role="expert_by_experience")
    choose_panel(
        review=review,
        by=case_manager,
        members={"chair": chair, "clinical_expert": clinical, "expert_by_experience": expert},
        accept_warnings=True,
        reason="ok",
    )
    seat = review.seats.get(role="expert_by_experience")
    record_payment(seat=seat, by=case_manager, fee=seat.fee, expenses=12, expenses_note="Bus")
    response = login(lead).get("/reviews/payments/?month=2027-03&download=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[-1][0] == "Total" and rows[-1][7] == 350 + 250 + 12
    assert all(row[3] != person.full_name for row in rows)  # initials only


def test_overdue_actions_appear_on_my_work(person, make_user, login, icb):
    manager = make_user(Role.CASE_MANAGER)
    review = held_review(person, manager, held_on=dt.date(2027, 2, 1))
    add_action(
        review=review,
        by=manager,
        text="Update the crisis plan",
        owner_name="Ola",
        owner_organisation="Team",
        due=dt.date(2027, 2, 20),
    )
    page = login(manager).get("/work/?show=all").content.decode()
    assert "C(E)TR action: Update the crisis plan" in page


def test_a_review_agreed_on_request_goes_to_the_oversight_panel_and_a_reversal_takes_it_back(
    person, case_manager
):
    row = record_request(
        person=person,
        by=case_manager,
        requested_on=dt.date(2027, 2, 20),
        requested_by="family",
        reason="Two crises this month",
    )
    decide_request(
        review_request=row, by=case_manager, decision="agreed", decided_on=dt.date(2027, 2, 22), reasons=""
    )
    panel = Obligation.objects.get(person=person, kind="oversight_panel_review", is_open=True)
    assert "agreed on request, outside the usual timescale" in panel.reasons[0]
    decide_request(
        review_request=row,
        by=case_manager,
        decision="declined",
        decided_on=dt.date(2027, 2, 23),
        reasons="A multi-agency meeting first",
    )
    assert not Obligation.objects.filter(person=person, kind="oversight_panel_review").exists()
    record_appeal(
        review_request=row,
        by=case_manager,
        appealed_on=dt.date(2027, 2, 24),
        grounds="Still in crisis",
        outcome="upheld",
        decided_on=dt.date(2027, 2, 26),
    )
    assert Obligation.objects.filter(person=person, kind="oversight_panel_review", is_open=True).exists()


def test_one_obligation_has_one_review_in_progress(make_person, case_manager, lead, login):
    child = make_person(date_of_birth=dt.date(2012, 1, 1))
    admit(child, case_manager)
    first = organise_review(person=child, by=case_manager, kind="post_admission")
    with pytest.raises(ValidationError, match="already being organised"):
        organise_review(person=child, by=lead, kind="post_admission")
    page = login(lead).post(f"/reviews/people/{child.pk}/new/", {"kind": "post_admission"})
    assert page.status_code == 200 and "already being organised" in page.content.decode()
    assert f"/reviews/{first.pk}/" in page.content.decode()
    assert child.reviews.count() == 1
    cancel_review(review=first, by=case_manager, reason="Booked in error")
    assert organise_review(person=child, by=case_manager, kind="post_admission").pk != first.pk
