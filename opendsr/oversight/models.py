"""Oversight's records, each kept in the module of the step it belongs to."""

from opendsr.oversight.ics_panel.models import (
    MeetingStatus,
    OversightPanelMember,
    OversightRole,
    PanelAction,
    PanelActionStatus,
    PanelAttendance,
    PanelItem,
    PanelMeeting,
)
from opendsr.oversight.visits.models import (
    Complaint,
    EscalationRequest,
    OversightVisit,
    VisitAction,
)

__all__ = [
    "Complaint",
    "EscalationRequest",
    "OversightVisit",
    "VisitAction",
    # The ICS oversight panel (s18)
    "MeetingStatus",
    "OversightPanelMember",
    "OversightRole",
    "PanelAction",
    "PanelActionStatus",
    "PanelAttendance",
    "PanelItem",
    "PanelMeeting",
]
