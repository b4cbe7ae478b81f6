"""Reads that feed the review pages, in a module for each step a user takes: `listing`, `page` (a review's
page), `organising` (the obligation a review meets, the panel), `invitations`, `report`, `directory`
(payments, settings, key lines of enquiry) and `laep`. What is due comes from the stored obligations;
nothing here decides it."""

from opendsr.reviews.queries.directory import kloe_template_for, payments, settings_for
from opendsr.reviews.queries.invitations import proposed_invitees
from opendsr.reviews.queries.laep import laep_page, laeps_for
from opendsr.reviews.queries.listing import PAGE_SIZE, ListFilters, review_list
from opendsr.reviews.queries.organising import (
    member_facts,
    open_obligation_for,
    review_in_progress,
    warnings_for_panel,
)
from opendsr.reviews.queries.page import (
    checklist,
    discharge_plan,
    due_obligation,
    previous_review,
    report_obligation,
    review_page,
    safeguarding_requirements,
)
from opendsr.reviews.queries.report import may_approve, report_problems, report_recipients

__all__ = [
    "ListFilters",
    "PAGE_SIZE",
    "checklist",
    "discharge_plan",
    "due_obligation",
    "kloe_template_for",
    "laep_page",
    "laeps_for",
    "may_approve",
    "member_facts",
    "open_obligation_for",
    "payments",
    "previous_review",
    "proposed_invitees",
    "report_obligation",
    "report_problems",
    "report_recipients",
    "review_in_progress",
    "review_list",
    "review_page",
    "safeguarding_requirements",
    "settings_for",
    "warnings_for_panel",
]
