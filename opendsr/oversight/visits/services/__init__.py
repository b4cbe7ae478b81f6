"""Writes, a module for each step a user takes: recording a commissioner oversight visit, its actions, an
escalation request and a complaint.

One keyword-only function per thing a user does, each one transaction: the record, its clock event (with
`source` naming the record, so that a correction voids and re-writes it), the recomputed obligations and the
audit entry are saved together or not at all. A refusal is a `ValidationError` naming the field."""

from opendsr.oversight.visits.services.actions import add_visit_action, owners_for, update_visit_action
from opendsr.oversight.visits.services.common import NOTES, VISIT_FIELDS, in_hospital_on
from opendsr.oversight.visits.services.escalation import (
    record_complaint,
    record_escalation,
    resolve_complaint,
)
from opendsr.oversight.visits.services.visits import record_visit, update_visit

__all__ = [
    "VISIT_FIELDS",
    "NOTES",
    "in_hospital_on",
    "record_visit",
    "update_visit",
    "owners_for",
    "add_visit_action",
    "update_visit_action",
    "record_escalation",
    "record_complaint",
    "resolve_complaint",
]
