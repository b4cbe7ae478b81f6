"""The inpatient record's pages, a module for each step a user takes: the admission, segregation and
seclusion, and the way out of hospital. Each view checks access, calls a service or a query, and renders."""

from opendsr.inpatients.views.admission import admission_edit, admit, transfer, ward_rating
from opendsr.inpatients.views.common import record
from opendsr.inpatients.views.discharge import discharge, moj_contact, plan_item
from opendsr.inpatients.views.regional import region_segregation, region_segregation_export
from opendsr.inpatients.views.segregation import (
    episode_edit,
    episode_new,
    segregation_export,
    segregation_list,
)

__all__ = [
    "record",
    "admit",
    "admission_edit",
    "transfer",
    "ward_rating",
    "episode_new",
    "episode_edit",
    "segregation_list",
    "segregation_export",
    "region_segregation",
    "region_segregation_export",
    "plan_item",
    "moj_contact",
    "discharge",
]
