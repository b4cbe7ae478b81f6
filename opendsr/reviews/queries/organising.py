"""Reads for organising a review: the obligation it meets, a review already in progress, and what to think
about before seating a panel (facts for the rules in rules.py)."""

from __future__ import annotations

from opendsr.policy import CETR_KINDS
from opendsr.register.models import Obligation, Person
from opendsr.reviews import rules
from opendsr.reviews.models import PanelMember, Review, ReviewKind, ReviewPathway, ReviewStatus
from opendsr.reviews.queries.directory import settings_for
from opendsr.web.today import today as get_today

OBLIGATION_KINDS_FOR = {}


for _obligation, _review in CETR_KINDS.items():
    OBLIGATION_KINDS_FOR.setdefault(str(_review), []).append(str(_obligation))


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
