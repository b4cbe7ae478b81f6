"""Leaving hospital, and the period of review on the register after it (s3.1.7)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from opendsr.accounts import audit
from opendsr.inpatients.models import (
    Admission,
    DischargedTo,
    PlanStatus,
)
from opendsr.inpatients.services.common import Problems, latest_move, long_date, open_admission
from opendsr.policy import EventType
from opendsr.register.models import Location, Person
from opendsr.register.services.location import mark_discharged
from opendsr.register.timeline import record_event

# ------------------------------------------------------------------------------------------- discharge


@transaction.atomic
def record_discharge(
    *,
    admission: Admission,
    by,
    discharged_on: dt.date,
    discharged_to: str,
    post_discharge_plan: str,
    follow_up_until: dt.date | None,
    discharge_details: str = "",
    request=None,
) -> Admission:
    """The person left hospital: the clock's `discharged`. They return to the community without a rating until
    a new one is decided (s4), and stay on the register for review until `follow_up_until` (s3.1.7). Open
    episodes of segregation or seclusion end on the day of discharge."""
    admission = open_admission(admission)
    person = Person.objects.select_for_update().get(pk=admission.person_id)
    problems = Problems()
    if discharged_on is None:
        problems["discharged_on"] = "Enter the date of discharge"
    last, what = latest_move(admission)
    latest_start = admission.episodes.order_by("-started_on").values_list("started_on", flat=True).first()
    if latest_start and latest_start > last:
        last, what = latest_start, "the last segregation or seclusion started"
    problems.date(
        "discharged_on",
        discharged_on,
        subject="The date of discharge",
        person=person,
        after=last,
        after_what=what,
    )
    problems.choice("discharged_to", discharged_to or "", DischargedTo, "Select where they went")
    discharge_details = problems.text(
        "discharge_details",
        discharge_details,
        label="where they went",
        required=discharged_to == DischargedTo.OTHER,
        limit=300,
    )
    post_discharge_plan = problems.text(
        "post_discharge_plan", post_discharge_plan, label="the post-discharge plan", limit=4000, line=False
    )
    if follow_up_until is None:
        problems["follow_up_until"] = "Enter the date they stay on the register for review until"
    elif "discharged_on" not in problems:
        problems.date(
            "follow_up_until",
            follow_up_until,
            subject="The date they stay on the register until",
            person=person,
            after=discharged_on,
            after_what="of discharge",
            planned=True,
        )
    problems.raise_any()
    admission.discharged_on, admission.discharged_to = discharged_on, discharged_to
    admission.discharge_details, admission.post_discharge_plan = discharge_details, post_discharge_plan
    admission.follow_up_until = follow_up_until
    admission.delayed_discharge = False
    admission.save()
    for episode in admission.episodes.filter(ended_on__isnull=True):
        episode.ended_on = discharged_on
        episode.save()
        if episode.is_segregation:
            record_event(
                person=person,
                type=EventType.SEGREGATION_ENDED,
                date=discharged_on,
                by=by,
                source=f"segregation:{episode.pk}",
                refresh=False,
            )
    last_point = admission.plan_items.filter(point="12").first()
    if last_point is not None and last_point.status != PlanStatus.DONE:
        last_point.status, last_point.target_on, last_point.updated_by = PlanStatus.DONE, discharged_on, by
        last_point.save()
    if person.location == Location.INPATIENT:
        mark_discharged(person)
    record_event(
        person=person,
        type=EventType.DISCHARGED,
        date=discharged_on,
        by=by,
        source=f"discharge:{admission.pk}",
    )
    audit.record(
        request or by,
        "inpatient.discharged",
        person=person,
        summary=f"Discharged from {admission.hospital} on {long_date(discharged_on)} to "
        f"{admission.get_discharged_to_display().lower()}",
        detail={"admission": admission.pk},
    )
    return admission
