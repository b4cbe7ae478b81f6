"""Care (Education) and Treatment Reviews: the request, the review itself, its panel, the people invited,
what the panel found, safeguarding concerns, the recommendations and the report (policy s12-s16; 000;
Appendices 3, 5, 6 and 11).

When a review is due comes from the policy clock (register.Obligation); these records are what the local
system did about it. Holding a review writes the clock's `cetr_held` event (source "review:<id>"), sending its
report writes `cetr_report_sent` ("review-report:<id>"), and a decline writes `cetr_declined`
("decline:<id>"). Arranging a review writes `cetr_planned` ("review_planned:<id>") and a safeguarding referral
from one writes `safeguarding_referral` ("safeguarding:<id>").

A local area emergency protocol (LAEP) meeting (s14.1, Appendix 8) is kept here too, beside the reviews it is
not: it writes `laep_held` ("laep:<id>"), which the clock never counts as a C(E)TR.
"""

from opendsr.reviews.models.laep import Laep, LaepOption, LaepOutcome, LaepParticipant
from opendsr.reviews.models.meeting import (
    SAFEGUARDING_LEVEL_NAMES,
    ActionStatus,
    Finding,
    KloePopulation,
    KloeSetting,
    KloeTemplate,
    Question,
    ReviewAction,
    SafeguardingConcern,
    SafeguardingLevel,
)
from opendsr.reviews.models.panel import (
    Invitation,
    InviteeRole,
    InviteMethod,
    PanelMember,
    PanelRole,
    PanelSeat,
    Reply,
    ReviewSettings,
    Specialism,
)
from opendsr.reviews.models.review import (
    INPATIENT_KINDS,
    REVIEW_KIND_NAMES,
    AppealOutcome,
    Decision,
    Gender,
    RequestedBy,
    Review,
    ReviewDecline,
    ReviewKind,
    ReviewPathway,
    ReviewRequest,
    ReviewStatus,
)

__all__ = [
    "ActionStatus",
    "AppealOutcome",
    "Decision",
    "Finding",
    "Gender",
    "INPATIENT_KINDS",
    "Invitation",
    "InviteMethod",
    "InviteeRole",
    "KloePopulation",
    "KloeSetting",
    "KloeTemplate",
    "Laep",
    "LaepOption",
    "LaepOutcome",
    "LaepParticipant",
    "PanelMember",
    "PanelRole",
    "PanelSeat",
    "Question",
    "REVIEW_KIND_NAMES",
    "Reply",
    "RequestedBy",
    "Review",
    "ReviewAction",
    "ReviewDecline",
    "ReviewKind",
    "ReviewPathway",
    "ReviewRequest",
    "ReviewSettings",
    "ReviewStatus",
    "SAFEGUARDING_LEVEL_NAMES",
    "SafeguardingConcern",
    "SafeguardingLevel",
    "Specialism",
]
