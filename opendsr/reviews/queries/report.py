"""Reads for the report: what stops it being approved, who may approve it, and who receives it."""

from __future__ import annotations

from opendsr.accounts.models import Role
from opendsr.reviews import rules
from opendsr.reviews.models import PanelRole, Question, Review
from opendsr.reviews.queries.page import answered_findings


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


def report_recipients(review: Review) -> str:
    """Who receives the report unless the user changes it, one a line."""
    person = review.person
    return rules.report_recipients(
        (person.full_name, person.email), list(review.invitations.values_list("role", "name", "email"))
    )
