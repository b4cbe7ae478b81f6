"""Reads for inviting people: who to invite, by role, from what the register holds."""

from __future__ import annotations

from opendsr.policy import age_on
from opendsr.register.models import Location
from opendsr.reviews import rules
from opendsr.reviews.models import Review, ReviewPathway
from opendsr.web.today import today as get_today


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
