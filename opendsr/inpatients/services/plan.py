"""The 12-point discharge plan (Appendix 7)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from opendsr.accounts import audit
from opendsr.inpatients.models import (
    DischargePlanItem,
    PlanStatus,
)
from opendsr.inpatients.services.common import Problems

# ------------------------------------------------------------------------------------ the discharge plan


@transaction.atomic
def update_plan_item(
    *,
    item: DischargePlanItem,
    by,
    status: str,
    owner: str = "",
    target_on: dt.date | None = None,
    note: str = "",
    request=None,
) -> DischargePlanItem:
    """Bring one point of the 12-point discharge plan (Appendix 7) up to date."""
    item = DischargePlanItem.objects.select_for_update().get(pk=item.pk)
    problems = Problems()
    problems.choice("status", status or "", PlanStatus, "Select how far this point has got")
    owner = problems.text(
        "owner", owner, label="who owns this point", required=status == PlanStatus.IN_PROGRESS
    )
    problems.date(
        "target_on",
        target_on,
        subject="The target date",
        person=item.person,
        after=item.admission.admitted_on,
        after_what="of admission",
        planned=True,
    )
    note = problems.text("note", note, label="the note", required=False, limit=4000, line=False)
    problems.raise_any()
    item.status, item.owner, item.target_on, item.note, item.updated_by = status, owner, target_on, note, by
    item.save()
    audit.record(
        request or by,
        "inpatient.discharge_plan_changed",
        person=item.person,
        summary=f"Discharge plan point {item.point}: {item.get_status_display().lower()}",
        detail={"admission": item.admission_id, "item": item.pk, "status": status},
    )
    return item
