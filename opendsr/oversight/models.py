"""Oversight's records, each kept in the module of the step it belongs to."""

from opendsr.oversight.visits.models import (
    Complaint,
    EscalationRequest,
    OversightVisit,
    VisitAction,
)

__all__ = ["Complaint", "EscalationRequest", "OversightVisit", "VisitAction"]
