"""Writes to the inpatient record: one function per thing a user does, each in one transaction, each audited.

Each record that is also a clock event writes it with `opendsr.register.timeline.record_event`, `source`
naming the record, and voids and re-writes it when the record is corrected: one source of truth, entered once.
An admission makes the person an inpatient rated blue and a discharge returns them to the community
(`opendsr.register.services.location`), as when the admission was recorded on the timeline.
"""

from opendsr.inpatients.services.admission import ADMISSION_FIELDS, record_admission, update_admission
from opendsr.inpatients.services.discharge import record_discharge
from opendsr.inpatients.services.episodes import record_episode, update_episode
from opendsr.inpatients.services.moj import record_moj_contact
from opendsr.inpatients.services.moves import record_transfer, record_ward_rating
from opendsr.inpatients.services.plan import update_plan_item

__all__ = [
    "ADMISSION_FIELDS",
    "record_admission",
    "update_admission",
    "record_transfer",
    "record_ward_rating",
    "record_episode",
    "update_episode",
    "update_plan_item",
    "record_moj_contact",
    "record_discharge",
]
