"""Forms for the C(E)TR pages, in a module for each step a user takes: `requests` (requests, decisions,
appeals and declines), `organising` (the list, a new review, arrangements, panel, checklist, cancelling),
`invitations`, `meeting` (held, findings, safeguarding, the rating decision, actions), `report`, `directory`
(the panel directory, payments, settings and key lines of enquiry) and `laep`. Every form is importable from
here."""

from opendsr.reviews.forms.directory import KloeForm, PanelMemberForm, PaymentForm, SettingsForm
from opendsr.reviews.forms.invitations import InviteeForm, InviteeFormSet, ReplyForm
from opendsr.reviews.forms.laep import LaepForm
from opendsr.reviews.forms.meeting import (
    ActionForm,
    ActionUpdateForm,
    FindingForm,
    MeetingForm,
    RatingForm,
    SafeguardingForm,
    SafeguardingReferralForm,
)
from opendsr.reviews.forms.organising import (
    ArrangementsForm,
    CancelForm,
    ChecklistForm,
    ListForm,
    NewReviewForm,
    PanelForm,
)
from opendsr.reviews.forms.report import ReportDetailsForm, SendReportForm
from opendsr.reviews.forms.requests import AppealForm, DecisionForm, DeclineForm, RequestForm

__all__ = [
    "ActionForm",
    "ActionUpdateForm",
    "AppealForm",
    "ArrangementsForm",
    "CancelForm",
    "ChecklistForm",
    "DecisionForm",
    "DeclineForm",
    "FindingForm",
    "InviteeForm",
    "InviteeFormSet",
    "KloeForm",
    "LaepForm",
    "ListForm",
    "MeetingForm",
    "NewReviewForm",
    "PanelForm",
    "PanelMemberForm",
    "PaymentForm",
    "RatingForm",
    "ReplyForm",
    "ReportDetailsForm",
    "RequestForm",
    "SafeguardingForm",
    "SafeguardingReferralForm",
    "SendReportForm",
    "SettingsForm",
]
