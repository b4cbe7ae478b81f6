"""A move to another hospital or security level (s14.5), and a ward rated inadequate by the CQC (s18)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from opendsr.accounts import audit
from opendsr.inpatients.models import (
    Admission,
    Setting,
    Transfer,
    WardRating,
)
from opendsr.inpatients.services.common import ODS_CODE, Problems, latest_move, long_date, open_admission
from opendsr.policy import EventType
from opendsr.register.timeline import record_event

# ------------------------------------------------------------------------------------------- transfers


@transaction.atomic
def record_transfer(
    *,
    admission: Admission,
    by,
    moved_on: dt.date,
    hospital: str,
    provider: str,
    setting: str,
    provider_ods_code: str = "",
    ward: str = "",
    reason: str = "",
    request=None,
) -> Transfer:
    """A move to another hospital, or to a ward of a different security level (s14.5): the same admission
    goes on, and the clock's `transferred` (with the setting moved to) asks for a C(E)TR within six weeks."""
    admission = open_admission(admission)
    person = admission.person
    problems = Problems()
    if moved_on is None:
        problems["moved_on"] = "Enter the date of the move"
    last, what = latest_move(admission)
    problems.date(
        "moved_on", moved_on, subject="The date of the move", person=person, after=last, after_what=what
    )
    hospital = problems.text("hospital", hospital, label="the name of the hospital")
    provider = problems.text("provider", provider, label="the name of the provider")
    code = (provider_ods_code or "").strip().upper()
    if code and not ODS_CODE.fullmatch(code):
        problems["provider_ods_code"] = (
            "Provider ODS code must be 3 to 10 letters and numbers, like RX4 or NTV0W"
        )
    ward = problems.text("ward", ward, label="the ward", required=False)
    problems.choice(
        "setting", setting or "", Setting, "Select whether the hospital or ward they moved to is secure"
    )
    reason = problems.text("reason", reason, label="why they moved", required=False, limit=4000, line=False)
    if not problems and (hospital, ward, setting) == (admission.hospital, admission.ward, admission.setting):
        problems["hospital"] = (
            "Enter a different hospital, ward or security level: a move goes somewhere other than where they are"
        )
    problems.raise_any()
    transfer = Transfer.objects.create(
        person=person,
        admission=admission,
        moved_on=moved_on,
        from_hospital=admission.hospital,
        from_provider=admission.provider,
        from_ward=admission.ward,
        from_setting=admission.setting,
        hospital=hospital,
        provider=provider,
        provider_ods_code=code,
        ward=ward,
        setting=setting,
        reason=reason,
        recorded_by=by,
    )
    admission.hospital, admission.provider, admission.provider_ods_code = hospital, provider, code
    admission.ward, admission.setting = ward, setting
    admission.save()
    record_event(
        person=person,
        type=EventType.TRANSFERRED,
        date=moved_on,
        by=by,
        data={"setting": setting},
        source=f"transfer:{transfer.pk}",
    )
    audit.record(
        request or by,
        "inpatient.transferred",
        person=person,
        summary=f"Moved from {transfer.from_hospital} to {hospital} on {long_date(moved_on)}",
        detail={"admission": admission.pk, "transfer": transfer.pk},
    )
    return transfer


@transaction.atomic
def record_ward_rating(
    *, admission: Admission, by, rated_on: dt.date, ward: str, notes: str = "", request=None
) -> WardRating:
    """The CQC rated the ward or unit inadequate while the person is there (s18): the clock's
    `ward_rated_inadequate`, which puts them before the ICS oversight panel until they move or leave."""
    admission = open_admission(admission)
    person = admission.person
    problems = Problems()
    if rated_on is None:
        problems["rated_on"] = "Enter the date of the CQC rating"
    problems.date(
        "rated_on",
        rated_on,
        subject="The date of the CQC rating",
        person=person,
        after=admission.admitted_on,
        after_what="of admission",
    )
    ward = problems.text("ward", ward or admission.ward, label="the ward or unit")
    notes = problems.text("notes", notes, label="the notes", required=False, limit=4000, line=False)
    problems.raise_any()
    rating = WardRating.objects.create(
        person=person, admission=admission, rated_on=rated_on, ward=ward, notes=notes, recorded_by=by
    )
    record_event(
        person=person,
        type=EventType.WARD_RATED_INADEQUATE,
        date=rated_on,
        by=by,
        source=f"ward-rating:{rating.pk}",
    )
    audit.record(
        request or by,
        "inpatient.ward_rated_inadequate",
        person=person,
        summary=f"{ward} rated inadequate by the CQC on {long_date(rated_on)}",
        detail={"admission": admission.pk, "ward_rating": rating.pk},
    )
    return rating
