"""Writing C(E)TRs: one function for each thing a user does, all or nothing, in a module for each step.

The clock decides when a review is due; these functions record what the local system did. Callers import
from the step's module; the names are gathered here too for older callers."""

from opendsr.reviews.queries import (
    kloe_template_for,
    may_approve,
    open_obligation_for,
    proposed_invitees,
    report_problems,
    review_in_progress,
    settings_for,
    warnings_for_panel,
)
from opendsr.reviews.services.directory import (
    record_payment,
    save_kloe_template,
    save_panel_member,
    update_settings,
)
from opendsr.reviews.services.invitations import (
    REVIEW_LENGTH_HOURS,
    calendar_file,
    invitation_text,
    record_reply,
    send_invitations,
    send_panel_details,
)
from opendsr.reviews.services.meeting import (
    FINDING_FIELDS,
    add_action,
    hold_review,
    raise_safeguarding,
    record_findings,
    record_review_rating,
    resume_after_halt,
    update_action,
)
from opendsr.reviews.services.organising import (
    cancel_review,
    choose_panel,
    organise_review,
    update_arrangements,
    update_checklist,
)
from opendsr.reviews.services.report import approve_report, send_report, update_report_details
from opendsr.reviews.services.requests import decide_request, record_appeal, record_decline, record_request

__all__ = [
    "FINDING_FIELDS",
    "REVIEW_LENGTH_HOURS",
    "add_action",
    "approve_report",
    "calendar_file",
    "cancel_review",
    "choose_panel",
    "decide_request",
    "hold_review",
    "invitation_text",
    "kloe_template_for",
    "may_approve",
    "open_obligation_for",
    "proposed_invitees",
    "organise_review",
    "raise_safeguarding",
    "record_appeal",
    "record_decline",
    "record_findings",
    "record_payment",
    "record_reply",
    "record_request",
    "record_review_rating",
    "report_problems",
    "resume_after_halt",
    "review_in_progress",
    "save_kloe_template",
    "save_panel_member",
    "send_invitations",
    "send_panel_details",
    "send_report",
    "settings_for",
    "warnings_for_panel",
    "update_action",
    "update_arrangements",
    "update_checklist",
    "update_report_details",
    "update_settings",
]
