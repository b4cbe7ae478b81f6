"""The Ministry of Justice, for restricted patients (Appendix 10)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.inpatients.models import (
    Admission,
    MojContact,
)
from opendsr.inpatients.services.common import Problems, long_date
from opendsr.policy import EventType
from opendsr.register.timeline import record_event

# --------------------------------------------------------------------------------- Ministry of Justice


@transaction.atomic
def record_moj_contact(
    *,
    admission: Admission,
    by,
    contacted_on: dt.date,
    contact: str,
    information_sent: str,
    reply: str = "",
    request=None,
) -> MojContact:
    """The Ministry of Justice was told about a restricted patient (Appendix 10): the clock's `moj_contacted`,
    which meets the contact due within a week of each C(E)TR."""
    admission = Admission.objects.select_for_update().get(pk=admission.pk)
    person = admission.person
    if not (admission.is_restricted or person.moj_restricted):
        raise ValidationError(
            f"{person.full_name} is not a restricted patient. Change their Mental Health Act status first "
            "if they are on a section 37/41 or 47/49"
        )
    problems = Problems()
    if contacted_on is None:
        problems["contacted_on"] = "Enter the date the Ministry of Justice was contacted"
    problems.date(
        "contacted_on",
        contacted_on,
        subject="The date the Ministry of Justice was contacted",
        person=person,
        after=admission.admitted_on,
        after_what="of admission",
    )
    contact = problems.text("contact", contact, label="who was contacted")
    information_sent = problems.text(
        "information_sent", information_sent, label="what was sent", limit=4000, line=False
    )
    reply = problems.text("reply", reply, label="what they said back", required=False, limit=4000, line=False)
    problems.raise_any()
    moj = MojContact.objects.create(
        person=person,
        admission=admission,
        contacted_on=contacted_on,
        contact=contact,
        information_sent=information_sent,
        reply=reply,
        recorded_by=by,
    )
    record_event(
        person=person, type=EventType.MOJ_CONTACTED, date=contacted_on, by=by, source=f"moj:{moj.pk}"
    )
    audit.record(
        request or by,
        "inpatient.moj_contacted",
        person=person,
        summary=f"Ministry of Justice contacted on {long_date(contacted_on)}",
        detail={"admission": admission.pk, "moj_contact": moj.pk},
    )
    return moj
