"""The register: people, their timeline of events, and the obligations the policy clock derives from it.

The minimum dataset is s3.2 of the policy; the extras come from s3.1, s4 and s9. The models are in a module
for each part: `person` (a person and their carers), `clock` (the timeline and the obligations), `rating`,
`consent` and `leaving`. Every model is importable from here.
"""

from opendsr.register.models.clock import Obligation, ObligationBasis, TimelineEvent
from opendsr.register.models.consent import ConsentKind, ConsentRecord, ConsentScope, GivenBy
from opendsr.register.models.leaving import ExitReason, RegisterExit
from opendsr.register.models.person import (
    Carer,
    Diagnosis,
    Ethnicity,
    Location,
    Person,
    Rating,
    RegisterStatus,
    Sex,
)
from opendsr.register.models.rating import (
    DecidedRating,
    InstrumentVersion,
    OutcomeCommunication,
    Population,
    RatingDecision,
    ToldBy,
)

__all__ = [
    "Carer",
    "ConsentKind",
    "ConsentRecord",
    "ConsentScope",
    "DecidedRating",
    "Diagnosis",
    "Ethnicity",
    "ExitReason",
    "GivenBy",
    "InstrumentVersion",
    "ObligationBasis",
    "Location",
    "Obligation",
    "OutcomeCommunication",
    "Person",
    "Population",
    "Rating",
    "RatingDecision",
    "RegisterExit",
    "RegisterStatus",
    "Sex",
    "TimelineEvent",
    "ToldBy",
]
