"""Demo C(E)TRs: the panel directory (one member with out-of-date training, one with a conflict of interest),
reviews being organised for people the clock says need one (the demo panel member sits on them), past reviews
with findings, ratings, actions (some overdue) and reports, requests and declines, and two local area emergency
protocol (LAEP) meetings: one that avoided an admission and one after which the person was admitted. Safe to run
twice."""

from __future__ import annotations

import datetime as dt

from opendsr.policy import add_working_days
from opendsr.register.models import Obligation, Person, TimelineEvent
from opendsr.reviews.models import PanelMember, Question, Review
from opendsr.reviews.services.directory import record_payment, save_panel_member
from opendsr.reviews.services.laep import record_laep
from opendsr.reviews.services.meeting import (
    add_action,
    hold_review,
    record_findings,
    record_review_rating,
    update_action,
)
from opendsr.reviews.services.organising import (
    choose_panel,
    organise_review,
    update_arrangements,
    update_checklist,
)
from opendsr.reviews.services.report import approve_report, send_report, update_report_details
from opendsr.reviews.services.requests import decide_request, record_appeal, record_decline, record_request
from opendsr.web.today import today as get_today

WARD = "Oakwood Hospital, Ward 3"

DIRECTORY = [
    # name, role, organisation, gender, specialisms, years since training (None: none recorded), conflicts, login
    ("Dr Helen Marsh", "chair", "NHS Northdale ICB", "woman", ["learning_disability"], 1, "", None),
    ("Imran Shah", "chair", "Northdale County Council", "man", ["children"], 0, "", None),
    (
        "Dr Grace Obi",
        "clinical_expert",
        "Northdale Community Trust",
        "woman",
        ["autism", "children"],
        1,
        "",
        None,
    ),
    (
        "Tom Reilly",
        "clinical_expert",
        "Oakwood Hospital",
        "man",
        ["learning_disability", "forensic"],
        1,
        "Works at Oakwood Hospital",
        None,
    ),
    (
        "Priya Desai",
        "clinical_expert",
        "Independent pharmacist",
        "woman",
        ["pharmacist", "physical_health"],
        4,
        "",
        None,
    ),
    (
        "Sam Taylor",
        "expert_by_experience",
        "Northdale Voices",
        "non_binary",
        ["autism"],
        1,
        "",
        "panel@northdale.example",
    ),
    ("Kim Lowe", "expert_by_experience", "Family Carers Northdale", "woman", ["children"], None, "", None),
    ("Jo Hart", "expert_by_experience", "Northdale Voices", "man", ["learning_disability"], 2, "", None),
]


def _years_ago(today: dt.date, years: int | None) -> dt.date | None:
    return None if years is None else today - dt.timedelta(days=365 * years + 30)


def _people_with_open(icb, kinds, count, exclude=()):
    ids = (
        Obligation.objects.filter(person__icb=icb, kind__in=kinds, is_open=True)
        .exclude(person_id__in=exclude)
        .order_by("due", "person_id")
        .values_list("person_id", flat=True)
    )
    seen = []
    for pk in ids:
        if pk not in seen:
            seen.append(pk)
        if len(seen) == count:
            break
    return list(Person.objects.filter(pk__in=seen))


def load(context: dict) -> dict:
    icb, users = context["icb"], context["users"]
    if PanelMember.objects.filter(icb=icb).exists():
        return context
    by = users.get("case.manager@northdale.example") or users.get("lead@northdale.example")
    today = get_today()
    members = {}
    for name, role, organisation, gender, specialisms, years, conflict, login in DIRECTORY:
        members[name] = save_panel_member(
            icb=icb,
            by=by,
            name=name,
            role=role,
            organisation=organisation,
            gender=gender,
            specialisms=specialisms,
            induction_trained_on=_years_ago(today, years),
            conflicts=conflict,
            conflict_organisations=organisation if conflict else "",
            email=f"{name.split()[-1].lower()}@panel.example",
            user=users.get(login) if login else None,
            availability="Weekdays" if role != "expert_by_experience" else "Tuesdays and Thursdays",
        )
    panel = {
        "chair": members["Dr Helen Marsh"],
        "clinical_expert": members["Dr Grace Obi"],
        "expert_by_experience": members["Sam Taylor"],
    }

    # Reviews being organised, for people the clock says need one now.
    upcoming = _people_with_open(icb, ["post_admission_cetr", "community_cetr", "six_week_cetr"], 3)
    for n, person in enumerate(upcoming):
        obligation = Obligation.objects.filter(
            person=person, is_open=True, kind__in=["post_admission_cetr", "community_cetr", "six_week_cetr"]
        ).first()
        kind = {"post_admission_cetr": "post_admission", "six_week_cetr": "inpatient"}.get(
            obligation.kind, "community"
        )
        review = organise_review(person=person, by=by, kind=kind)
        inpatient = review.is_inpatient_review
        update_arrangements(
            review=review,
            by=by,
            scheduled_for=today + dt.timedelta(days=5 + 3 * n),
            starts_at=dt.time(10, 0),
            venue=WARD if inpatient else "Northdale Resource Centre, Room 2",
            video_link="",
            reasonable_adjustments="A quiet room, and breaks every 30 minutes.",
            interpreter_language="",
            bsl_needed=False,
            preferred_gender="",
        )
        if n < 2:
            choose_panel(
                review=review,
                by=by,
                members=panel,
                accept_warnings=True,
                reason="The only panel available this week; the chair has agreed.",
                same_panel_next_time=True,
            )
        update_checklist(review=review, by=by, consent_confirmed_on=today - dt.timedelta(days=3))

    # Reviews held in the past, with what the panel found, the rating, actions and the report.
    done = [p.pk for p in upcoming]
    for n, person in enumerate(_people_with_open(icb, ["community_cetr"], 2, exclude=done)):
        held = add_working_days(today, -8 if n == 0 else -30)
        review = organise_review(person=person, by=by, kind="community")
        update_arrangements(
            review=review,
            by=by,
            scheduled_for=held,
            starts_at=dt.time(13, 30),
            venue="Northdale Resource Centre, Room 2",
            video_link="",
            reasonable_adjustments="Easy read papers.",
            interpreter_language="",
            bsl_needed=False,
            preferred_gender="",
        )
        choose_panel(
            review=review,
            by=by,
            members=panel,
            accept_warnings=True,
            reason="Agreed with the family.",
            same_panel_next_time=True,
        )
        update_checklist(
            review=review,
            by=by,
            consent_confirmed_on=held - dt.timedelta(days=15),
            advocacy_notified_on=held - dt.timedelta(days=30),
            papers_shared_on=held - dt.timedelta(days=8),
        )
        hold_review(review=review, by=by, held_on=held)
        for question in Question:
            record_findings(
                review=review,
                by=by,
                question=question.value,
                findings=f"The panel talked with {person.given_name} and their family about this. "
                "Support is in place but the crisis plan needs updating.",
                person_said="I like my flat. I do not like it when staff change.",
                family_said="We worry about what happens at weekends.",
                evidence="Care plan, risk assessment and incident log seen.",
            )
        record_review_rating(
            review=review,
            by=by,
            rating="red",
            rationale="Risk stays high until the crisis plan is in place.",
            person_view="Wants to stay at home.",
            family_view="Agree with red for now.",
        )
        first = add_action(
            review=review,
            by=by,
            text="Update the crisis plan with the family",
            owner_name="Ola Bright",
            owner_organisation="Northdale Community Team",
            due=held + dt.timedelta(days=7),
        )
        add_action(
            review=review,
            by=by,
            text="Arrange an annual health check and medicines review (STOMP)",
            owner_name="Dr Ravi Menon",
            owner_organisation="Riverside Surgery",
            due=held + dt.timedelta(days=21),
        )
        add_action(
            review=review,
            by=by,
            text="Find a consistent weekend staff team",
            owner_name="Lee Carter",
            owner_organisation="Brightpath Support",
            due=held + dt.timedelta(days=60),
        )
        if n == 1:
            update_action(action=first, by=by, status="done", closed_on=held + dt.timedelta(days=6))
        update_report_details(
            review=review,
            by=by,
            lead_contact="Carl Case, case manager, 0300 000 0000, case.manager@northdale.example",
            summary="A good review. The main worry is weekends.",
        )
        approve_report(review=review, by=by)
        if n == 1:
            send_report(
                review=review,
                by=by,
                sent_on=held + dt.timedelta(days=9),
                recipients=[(person.full_name, "")],
                method="post",
            )
        for seat in review.seats.filter(removed_at__isnull=True):
            if n == 1:
                record_payment(seat=seat, by=by, fee=seat.fee, expenses=seat.expenses, paid_on=today)

    # Requests and declines.
    others = Person.objects.filter(icb=icb, current_rating="amber").exclude(
        pk__in=Review.objects.values("person")
    )
    others = list(others.order_by("pk")[:3])
    if len(others) == 3:
        record_request(
            person=others[0],
            by=by,
            requested_on=today - dt.timedelta(days=2),
            requested_by="family",
            requester_name="Their mother",
            reason="Two crises in a fortnight; the family want a review now.",
            first_steps="Extra support hours agreed while we decide.",
        )
        declined = record_request(
            person=others[1],
            by=by,
            requested_on=today - dt.timedelta(days=40),
            requested_by="advocate",
            reason="Worried about a planned move.",
            first_steps="Met the provider about the move.",
        )
        decide_request(
            review_request=declined,
            by=by,
            decision="declined",
            decided_on=today - dt.timedelta(days=35),
            reasons="The move is paused and a multi-agency meeting is booked.",
            communicated_on=today - dt.timedelta(days=34),
        )
        record_appeal(
            review_request=declined,
            by=by,
            appealed_on=today - dt.timedelta(days=30),
            grounds="The family say the move is still going ahead.",
        )
        record_decline(
            person=others[2],
            by=by,
            declined_on=today - dt.timedelta(days=20),
            reasons="Does not want to meet new people at the moment.",
            alternative_offered="A desktop review with their keyworker",
            revisit_on=today + dt.timedelta(days=40),
        )
    _laeps(icb, by, today)
    return context


LAEP_ANSWERS = {
    "understanding_me": "Loves music and long walks; finds noise and new staff hard.",
    "views": "Wants to stay at home. Their family are exhausted after three bad nights.",
    "risks": "Self-injury at night; staff have been hurt twice this week.",
    "what_works": "A calm evening routine with the same two staff.",
    "support_in_place": "Waking night staff could start tomorrow.",
    "community_setting": "Yes, with more support at night and daily visits from the crisis team.",
    "reason_for_admission": "The risk at night, which the current package cannot manage.",
    "admission_impact": "Moving away from family and familiar staff would be very distressing.",
}


def _laeps(icb, by, today: dt.date) -> None:
    """A LAEP that avoided an admission (a person rated red at home), and one after which the person was admitted
    (the most recent admission): the post-admission C(E)TR is still due."""
    red = (
        Person.objects.filter(icb=icb, current_rating="red", location="community")
        .exclude(pk__in=Review.objects.values("person"))
        .order_by("pk")
        .first()
    )
    if red is not None:
        record_laep(
            person=red,
            by=by,
            held_on=today - dt.timedelta(days=3),
            called_by="Ola Bright, community learning disability nurse",
            chair="Chris Khan, commissioner, NHS Northdale ICB",
            attended=["person", "family", "psychiatrist", "community_nurse", "social_worker", "commissioner"],
            attendees="Their mother; Dr Ravi Menon; Ola Bright; Lee Carter; Chris Khan",
            answers=LAEP_ANSWERS,
            options_considered=["home", "local_non_inpatient", "local_inpatient"],
            options_notes="Home works with waking night staff. A short break bed is free from Friday if needed.",
            preference_1="home",
            preference_2="local_non_inpatient",
            preference_3="local_inpatient",
            outcome="admission_avoided",
            updated_plan="Waking night staff for four weeks; the crisis team visits daily for a week; the "
            "risk assessment is updated with the family.",
            lead_professional="Ola Bright, community learning disability nurse",
            gaps_reported="No local crisis beds for autistic adults.",
        )
    admission = (
        TimelineEvent.objects.filter(person__icb=icb, type="admitted", voided_at__isnull=True)
        .exclude(person__laeps__isnull=False)
        .order_by("-date", "-pk")
        .first()
    )
    if admission is not None:
        record_laep(
            person=admission.person,
            by=by,
            held_on=admission.date - dt.timedelta(days=1),
            called_by="Duty commissioner, NHS Northdale ICB",
            chair="Chris Khan, commissioner, NHS Northdale ICB",
            attended=["family", "psychiatrist", "advocate", "commissioner"],
            attendees="Their father; Dr Helen Marsh; Northdale Advocacy; Chris Khan",
            how_person_was_heard="Their advocate met them that morning and shared what they said.",
            answers={**LAEP_ANSWERS, "community_setting": "Not this week: the home placement has ended."},
            options_considered=["home", "local_non_inpatient", "local_inpatient"],
            options_notes="The placement ended and no short break bed is free.",
            preference_1="local_inpatient",
            preference_2="local_non_inpatient",
            why_not_home="The provider gave notice and there is no one to support them at home tonight.",
            outcome="admitted",
            updated_plan="Admission to Oakwood Hospital for assessment, with a plan to return to the community "
            "within eight weeks; a new provider is being found now.",
            lead_professional="Kim Lowe, keyworker",
        )
