"""Reads that feed the review pages. What is due comes from the stored obligations; nothing here decides it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.accounts.models import Role
from opendsr.inpatients.queries import discharge_plan_for
from opendsr.policy import CETR_KINDS, age_on
from opendsr.policy.preparation import PREPARATION_STEPS, preparation_checklist, safeguarding_outstanding
from opendsr.register.models import Location, Obligation, Person
from opendsr.register.obligations import status_of
from opendsr.reviews import kloe, rules
from opendsr.reviews.access import reviews_for
from opendsr.reviews.models import (
    KloePopulation,
    KloeSetting,
    Laep,
    LaepOption,
    LaepParticipant,
    PanelMember,
    PanelRole,
    Question,
    Review,
    ReviewKind,
    ReviewPathway,
    ReviewSettings,
    ReviewStatus,
    SafeguardingConcern,
)
from opendsr.web.labels import kind_label
from opendsr.web.presenters import task_status
from opendsr.web.today import today as get_today

PAGE_SIZE = 25


@dataclass
class ListFilters:
    status: str = ""
    kind: str = ""
    q: str = ""


def review_list(user, filters: ListFilters) -> QuerySet:
    reviews = reviews_for(user).select_related("person")
    if filters.status in ReviewStatus.values:
        reviews = reviews.filter(status=filters.status)
    if filters.kind in ReviewKind.values:
        reviews = reviews.filter(kind=filters.kind)
    for word in (filters.q or "").split():
        reviews = reviews.filter(
            Q(person__given_name__icontains=word) | Q(person__family_name__icontains=word)
        )
    order = {
        ReviewStatus.PLANNING: 0,
        ReviewStatus.HELD: 1,
        ReviewStatus.COMPLETED: 2,
        ReviewStatus.CANCELLED: 3,
    }
    from django.db.models import Case, IntegerField, Value, When

    return reviews.annotate(
        rank=Case(*(When(status=s, then=Value(n)) for s, n in order.items()), output_field=IntegerField())
    ).order_by("rank", "scheduled_for", "-held_on", "-pk")


def tasks(review: Review) -> list[dict]:
    """The review's task list: each step, where it links, and its status, from the record."""
    from django.urls import reverse

    seats = {s.role for s in review.seats.filter(removed_at__isnull=True)}
    invitations = review.invitations.count()
    arranged = review.scheduled_for is not None and bool(review.venue or review.video_link)
    findings = review.findings.filter(answered_findings()).count()
    held = review.held_on is not None
    cancelled = review.status == ReviewStatus.CANCELLED
    r = review.pk

    def link(name, *args, allowed=True):
        return reverse(f"reviews:{name}", args=[r, *args]) if allowed and not cancelled else None

    items = [
        ("Agree the date and venue", link("arrangements"), task_status(done=bool(arranged))),
        (
            "Choose the panel",
            link("panel"),
            task_status(done=seats >= set(PanelRole.values), started=bool(seats)),
        ),
        (
            "Invite people",
            link("invitations", allowed=arranged),
            task_status(done=bool(invitations > 0), can_start=arranged),
        ),
        (
            "Check consent, advocacy and papers",
            link("checklist"),
            task_status(
                done=all([review.consent_confirmed_on, review.advocacy_notified_on, review.papers_shared_on]),
                started=any(
                    [review.consent_confirmed_on, review.advocacy_notified_on, review.papers_shared_on]
                ),
            ),
        ),
        (
            "Hold the review",
            link("meeting", allowed=arranged),
            task_status(done=bool(held), can_start=arranged),
        ),
        (
            "Record what the panel found",
            link("findings", Question.SAFE.value, allowed=held),
            task_status(done=findings == len(Question), started=findings > 0, can_start=held),
        ),
        (
            "Record the rating decision",
            link("rating", allowed=held),
            task_status(done=bool(review.rating_decision_id), can_start=held),
        ),
        (
            "Agree actions",
            link("actions", allowed=held),
            task_status(done=review.actions.exists() or bool(review.no_actions_reason), can_start=held),
        ),
        (
            "Approve and send the report",
            link("report", allowed=held),
            task_status(
                done=bool(review.report_sent_on is not None),
                started=review.report_approved_on is not None,
                can_start=held,
            ),
        ),
        (
            "Pay the panel",
            reverse("reviews:payments") + f"?month={review.held_on:%Y-%m}"
            if held and not cancelled
            else None,
            task_status(
                done=bool(seats)
                and not review.seats.filter(removed_at__isnull=True, paid_on__isnull=True).exists(),
                can_start=held,
            ),
        ),
    ]
    return [{"heading": heading, "href": href, "status": status} for heading, href, status in items]


def due_obligation(review: Review, today: dt.date) -> dict | None:
    """The clock's obligation this review meets, as stored now."""
    if not review.meets:
        return None
    row = (
        Obligation.objects.filter(person=review.person, kind=review.meets)
        .filter(Q(is_open=True) | Q(met_by=f"review:{review.pk}"))
        .order_by("-is_open", "due")
        .first()
    )
    if row is None:
        return None
    return {
        "label": kind_label(row.kind),
        "due": row.due,
        "met_on": row.met_on,
        "status": status_of(row.due, row.met_on, today),
        "basis": row.basis,
    }


def report_obligation(review: Review, today: dt.date) -> dict | None:
    row = Obligation.objects.filter(
        person=review.person, kind="cetr_report", raised_by=f"review:{review.pk}"
    ).first()
    if row is None:
        return None
    return {
        "due": row.due,
        "met_on": row.met_on,
        "status": status_of(row.due, row.met_on, today),
        "basis": row.basis,
    }


def discharge_plan(review: Review):
    """The 12-point discharge plan (Appendix 7) the review looks at: the person's current admission's, or for an
    inpatient review the latest admission's; None when there is none to show."""
    plan = discharge_plan_for(review.person)
    if plan is None or not (plan.admission.is_open or review.is_inpatient_review):
        return None
    return plan


def review_page(review: Review, today: dt.date, *, user=None) -> dict:
    """What a review's page shows. Someone who may not see the person's whole record (a panel member) sees this
    review and what it needs, not their NHS number nor what earlier reviews they did not sit on agreed."""
    whole_record = user is None or access.allowed(user, Action.VIEW_RECORD)
    previous = (
        previous_review(review)
        if review.held_on is None
        else (
            Review.objects.filter(person=review.person, held_on__lt=review.held_on)
            .exclude(status=ReviewStatus.CANCELLED)
            .order_by("-held_on")
            .first()
        )
    )
    return {
        "tasks": tasks(review),
        "due": due_obligation(review, today),
        "report_due": report_obligation(review, today),
        "checklist": checklist(review, today),
        "seats": list(review.seats.filter(removed_at__isnull=True).select_related("member")),
        "invitations": list(review.invitations.all()),
        "findings": {f.question: f for f in review.findings.all()},
        "questions": list(Question),
        "concerns": [
            {"concern": c, "outstanding": safeguarding_requirements(c)}
            for c in review.safeguarding_concerns.all()
        ],
        "actions": list(review.actions.all()),
        "nhs_number": review.person.nhs_number if whole_record else "",
        "previous": previous if whole_record else None,
        "previous_actions": list(previous.actions.all()) if previous and whole_record else [],
        "requests": list(review.requests.all()),
        "discharge_plan": discharge_plan(review) if whole_record else None,
    }


def payments(user, month: dt.date) -> list:
    """Every panel seat on a review held in the month, for the user's ICB."""
    from opendsr.reviews.models import PanelSeat

    start = month.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return list(
        PanelSeat.objects.filter(
            review__person__icb_id=user.icb_id,
            review__held_on__gte=start,
            review__held_on__lt=end,
            removed_at__isnull=True,
        )
        .select_related("member", "review", "review__person")
        .order_by("member__name", "review__held_on")
    )


def checklist(review: Review, today: dt.date) -> list[dict]:
    """The lead-time checklist before a review (000 "Before the C(E)TR")."""
    done = {step.field: getattr(review, step.field) for step in PREPARATION_STEPS}
    return preparation_checklist(review.scheduled_for, done, today, held=review.held_on is not None)


def previous_review(review: Review) -> Review | None:
    return (
        Review.objects.filter(person=review.person, held_on__isnull=False)
        .exclude(pk=review.pk)
        .exclude(status=ReviewStatus.CANCELLED)
        .order_by("-held_on", "-pk")
        .first()
    )


def answered_findings() -> Q:
    """Findings the panel wrote down, or marked as not discussed."""
    return Q(not_discussed=True) | ~Q(findings="")


def safeguarding_requirements(concern: SafeguardingConcern) -> list[str]:
    """What Appendix 6 still asks for this concern."""
    steps = safeguarding_outstanding(
        concern.level,
        concern.raised_on,
        referred_on=concern.referred_to_local_authority_on,
        cqc_notified_on=concern.cqc_notified_on,
    )
    return [step.text for step in steps]


OBLIGATION_KINDS_FOR = {}


for _obligation, _review in CETR_KINDS.items():
    OBLIGATION_KINDS_FOR.setdefault(str(_review), []).append(str(_obligation))


def settings_for(icb) -> ReviewSettings:
    """The ICB's review settings; the Appendix 11 defaults (unsaved) until the DSR lead changes them."""
    return ReviewSettings.objects.filter(icb=icb).first() or ReviewSettings(icb=icb)


def open_obligation_for(person: Person, kind: str) -> Obligation | None:
    """The person's open clock obligation that a review of this kind would meet, soonest first."""
    kinds = OBLIGATION_KINDS_FOR.get(kind, [])
    if kind == ReviewKind.INDEPENDENT:
        kinds = [k for ks in OBLIGATION_KINDS_FOR.values() for k in ks]
    return (
        Obligation.objects.filter(person=person, kind__in=kinds, is_open=True).order_by("due", "pk").first()
    )


def review_in_progress(person: Person, obligation_kind: str) -> Review | None:
    """The review being organised for this person to meet an obligation of this kind, if there is one: one
    obligation has one review in progress at a time."""
    if not obligation_kind:
        return None
    return (
        Review.objects.filter(person=person, meets=obligation_kind, status=ReviewStatus.PLANNING)
        .order_by("pk")
        .first()
    )


def kloe_template_for(review: Review):
    setting = KloeSetting.INPATIENT if review.is_inpatient_review else KloeSetting.COMMUNITY
    population = KloePopulation.CHILD if review.pathway == ReviewPathway.CETR else KloePopulation.ADULT
    return kloe.current_template(review.person.icb, setting, population)


def report_problems(review: Review) -> list[str]:
    """What stops the report being approved."""
    problems = []
    if review.held_on is None:
        problems.append("Record that the review was held")
    if review.rating_decision_id is None:
        problems.append("Record the rating decision: every review must look again at the person's rating")
    covered = set(review.findings.filter(answered_findings()).values_list("question", flat=True))
    missing = [q.label for q in Question if q.value not in covered]
    if missing:
        problems.append(
            "Record what the panel found, or that it was not discussed, for: " + "; ".join(missing)
        )
    if not review.actions.exists() and not review.no_actions_reason:
        problems.append("Agree the actions, or say why there are none")
    if not review.lead_contact:
        problems.append("Say who the person and family should contact about the review")
    return problems


def may_approve(user, review: Review) -> bool:
    """The chair approves the report; a DSR lead or case manager may record the chair's approval."""
    chair = review.seats.filter(role=PanelRole.CHAIR, removed_at__isnull=True, member__user=user).exists()
    return chair or user.role in (Role.DSR_LEAD, Role.CASE_MANAGER)


# ------------------------------------------------------------------------- facts for the rules in rules.py


def member_facts(member: PanelMember) -> rules.Member:
    return rules.Member(
        name=member.name,
        role=member.role,
        induction_trained_on=member.induction_trained_on,
        organisation=member.organisation,
        conflict_organisations=member.conflict_organisations,
        specialisms=tuple(member.specialisms or ()),
        gender=member.gender,
        gender_label=member.get_gender_display(),
    )


def panel_facts(review: Review) -> rules.PanelFacts:
    person = review.person
    return rules.PanelFacts(
        given_name=person.given_name,
        places=(person.current_provider, review.venue, person.out_of_area_details),
        children_and_young_people=review.pathway == ReviewPathway.CETR,
        autistic=person.diagnosis in ("autistic", "both"),
        preferred_gender=review.preferred_gender,
        preferred_gender_label=review.get_preferred_gender_display(),
    )


def warnings_for_panel(review: Review, members: dict[str, PanelMember | None]) -> list[str]:
    """What to think about before seating these members on this review (000; Appendix 11)."""
    return rules.warnings_for_panel(
        panel_facts(review),
        {role: member_facts(m) if m is not None else None for role, m in members.items()},
        get_today(),
        settings_for(review.person.icb).training_valid_months,
    )


def proposed_invitees(review: Review) -> list[dict]:
    """Who to invite, by role (Appendix 5), from what the register holds about the person."""
    person = review.person
    facts = rules.InviteeFacts(
        full_name=person.full_name,
        email=person.email,
        age=age_on(person.date_of_birth, review.scheduled_for or get_today()),
        children_and_young_people=review.pathway == ReviewPathway.CETR,
        inpatient=review.is_inpatient_review or person.location == Location.INPATIENT,
        carers=tuple(person.carers.filter(active=True).values_list("name", "relationship")),
        advocate_name=person.advocate_name,
        advocate_organisation=person.advocate_organisation,
        keyworker_name=person.keyworker_name,
        keyworker_service=person.keyworker_service,
        lead_professional=person.lead_professional,
        current_provider=person.current_provider,
        housing_needs=bool(person.housing_needs),
        invited=tuple(review.invitations.filter(withdrawn_at__isnull=True).values_list("role", "name")),
    )
    return rules.proposed_invitees(facts)


def report_recipients(review: Review) -> str:
    """Who receives the report unless the user changes it, one a line."""
    person = review.person
    return rules.report_recipients(
        (person.full_name, person.email), list(review.invitations.values_list("role", "name", "email"))
    )


# ------------------------------------------------------------------------------------------------------ LAEP


def laeps_for(user, person: Person) -> list[Laep]:
    """The LAEP meetings held for a person, newest first, for a user who may read their whole record."""
    if not access.allowed(user, Action.VIEW_RECORD):
        return []
    return list(Laep.objects.filter(person=person).order_by("-held_on", "-pk"))


def laep_page(laep: Laep) -> dict:
    """What a LAEP meeting's page shows beyond the record: who took part, the options and preferences in words,
    and the record's changes (its history)."""
    participants, options = dict(LaepParticipant.choices), dict(LaepOption.choices)
    changes = [
        {
            "when": row.history_date,
            "who": row.history_user.get_full_name() if row.history_user else "",
            "what": "Recorded" if row.history_type == "+" else "Changed",
        }
        for row in laep.history.select_related("history_user").order_by("history_date", "history_id")
    ]
    return {
        "attended": [participants[p] for p in laep.attended if p in participants],
        "considered": [options[o] for o in laep.options_considered if o in options],
        "preferences": [options.get(p, p) for p in laep.preferences],
        "out_of_area": bool(laep.out_of_area_approved_by),
        "changes": changes,
    }
