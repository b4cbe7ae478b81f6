"""Demo DSR meetings and escalation: the demo ICB's fortnightly meeting with its terms of reference and members,
one meeting held two weeks ago (with discussions and actions, one overdue), one today and one in a fortnight;
named senior managers in health and in the county council, escalation rules, and the escalations the nightly run
raises from them. Safe to run twice."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from opendsr.meetings.escalation_run import raise_for_rules
from opendsr.meetings.models import DsrMeeting, DsrMeetingStatus, StandingMeeting
from opendsr.meetings.services.escalation import save_manager, save_rule
from opendsr.meetings.services.meeting import (
    add_action,
    record_attendance,
    record_discussion,
    save_member,
    save_standing_meeting,
)
from opendsr.register.models import Person, RegisterStatus
from opendsr.web.today import today as get_today

TERMS = """Purpose: to review everyone on the Northdale and Fenwick dynamic support register who is rated red or amber, \
new referrals waiting for a rating, and the actions agreed for them, so that people get the right support at home \
and avoid admission to a mental health hospital where possible.
Membership: the ICB's DSR lead (chair) and case managers; adult and children's social care; education (SEND); \
housing; community learning disability and autism teams; the keyworker service; providers as needed.
Frequency: fortnightly, for up to two hours. Quorate with health, social care and one other partner.
Decisions: ratings are confirmed or changed with a rationale; every action has a named owner, an organisation and a \
date. Cases the system cannot resolve are escalated to the named senior managers.
Information: people are named by initials and register number in the minutes. The minutes go to members only."""

MEMBERS = [
    # name, organisation, sector, role, email, user's email
    (
        "Priya Shah",
        "NHS Northdale and Fenwick ICB",
        "health",
        "Chair",
        "lead@northdale.example",
        "lead@northdale.example",
    ),
    (
        "Tom Okafor",
        "NHS Northdale and Fenwick ICB",
        "health",
        "Case manager",
        "case.manager@northdale.example",
        "case.manager@northdale.example",
    ),
    (
        "Mei Chen",
        "Northdale County Council",
        "social_care",
        "Children's social worker",
        "social.worker@northdale.example",
        "social.worker@northdale.example",
    ),
    (
        "Gareth Lloyd",
        "Northdale Community Health NHS Trust",
        "health",
        "Community team clinician",
        "clinician@northdale.example",
        "clinician@northdale.example",
    ),
    (
        "Jo Briggs",
        "Fenwick City Council",
        "housing",
        "Housing options lead",
        "jo.briggs@fenwick.example",
        None,
    ),
    (
        "Ravi Menon",
        "Riverside Specialist School",
        "education",
        "SEND lead",
        "ravi.menon@riverside.example",
        None,
    ),
    (
        "Kate Doyle",
        "Northdale Keyworker Service",
        "keyworker",
        "Keyworker manager",
        "kate.doyle@keyworkers.example",
        None,
    ),
]


def load(context: dict) -> dict:
    icb, users = context["icb"], context["users"]
    if StandingMeeting.objects.filter(icb=icb).exists():
        return context
    lead = users["lead@northdale.example"]
    case_manager = users["case.manager@northdale.example"]
    today = get_today()
    standing = save_standing_meeting(
        icb=icb,
        by=lead,
        name="Northdale and Fenwick DSR meeting",
        terms_of_reference=TERMS,
        every_weeks=2,
        usual_time=dt.time(10, 0),
        usual_venue="Northdale House, room 2, or Teams",
    )
    for name, organisation, sector, role, email, login in MEMBERS:
        save_member(
            standing=standing,
            by=lead,
            name=name,
            organisation=organisation,
            sector=sector,
            role=role,
            email=email,
            user=users.get(login) if login else None,
        )
    # Two weeks ago: held, with two people discussed and their actions (one overdue, one due soon).
    past = DsrMeeting.objects.create(
        standing=standing,
        icb=icb,
        date=today - dt.timedelta(days=14),
        start_time=dt.time(10, 0),
        venue=standing.usual_venue,
        chair=lead,
        created_by=lead,
    )
    members = list(standing.members.order_by("pk"))
    record_attendance(
        meeting=past, by=lead, present=[m.pk for m in members[:5]], guests="Sally Wren, Oakwood Hospital"
    )
    reds = list(
        Person.objects.filter(
            icb=icb, status=RegisterStatus.ACTIVE, current_rating__in=["red", "amber"]
        ).order_by("pk")[:2]
    )
    for n, person in enumerate(reds):
        item = record_discussion(
            meeting=past,
            person=person,
            by=lead,
            section=person.current_rating,
            note="Placement under strain; the provider has asked for more support at weekends. Family worried."
            if n == 0
            else "Settled since the new support plan started. Keyworker visiting weekly.",
            rating_outcome="confirmed",
            rationale="No change in risk since the last meeting.",
        )
        add_action(
            item=item,
            by=lead,
            text="Agree extra weekend support with the provider"
            if n == 0
            else "Check the carer contingency plan with the family",
            owner_user=case_manager if n == 0 else lead,
            owner_name="",
            owner_organisation="NHS Northdale and Fenwick ICB",
            due=today + dt.timedelta(days=7) if n == 0 else today - dt.timedelta(days=3),
        )
    past.status, past.minutes_sent_at = DsrMeetingStatus.HELD, timezone.now()
    past.minutes_sent_to = sorted(m.email for m in members if m.email)
    past.save()
    # Today, and in a fortnight.
    for days in (0, 14):
        DsrMeeting.objects.create(
            standing=standing,
            icb=icb,
            date=today + dt.timedelta(days=days),
            start_time=dt.time(10, 0),
            venue=standing.usual_venue,
            chair=lead,
            created_by=lead,
        )

    # Senior managers: the ICB's line, and the county council's.
    partners = context.get("partners", {})
    save_manager(icb=icb, by=lead, user=case_manager, organisation=icb, level=1, title="DSR team manager")
    save_manager(
        icb=icb,
        by=lead,
        user=lead,
        organisation=icb,
        level=2,
        title="Head of learning disability and autism commissioning",
    )
    council = partners.get("Northdale County Council")
    if council is not None and "social.worker@northdale.example" in users:
        save_manager(
            icb=icb,
            by=lead,
            user=users["social.worker@northdale.example"],
            organisation=council,
            level=1,
            title="Children's services team manager",
            urgent_only=True,
        )
    for kind, days, urgent, within in (
        ("red_community_cetr", 7, True, 1),
        ("referral_not_stratified", 0, False, 2),
        ("cetr_action_overdue", 14, False, 3),
        ("obligation_overdue", 28, False, 3),
        ("red_without_change", 84, False, 5),
    ):
        save_rule(
            icb=icb, by=lead, kind=kind, days=days, line="health", urgent=urgent, acknowledge_within=within
        )
    raise_for_rules(today, icb_id=icb.pk)
    return context
