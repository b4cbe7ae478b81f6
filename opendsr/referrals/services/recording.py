"""Recording a referral: for someone on the register, or a new person once the possible matches are checked."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.referrals.models import (
    Channel,
    Referral,
    Source,
)
from opendsr.referrals.services.common import audit_referral, not_in_future
from opendsr.register import queries as register_queries
from opendsr.register.models import Person
from opendsr.register.services.common import check_date
from opendsr.register.services.people import create_person
from opendsr.register.timeline import record_event
from opendsr.web.formatting import nhs_date

REFERRAL_FIELDS = {
    "received_on",
    "source",
    "channel",
    "referrer_name",
    "referrer_role",
    "referrer_organisation",
    "referrer_email",
    "referrer_phone",
    "referrer_address",
    "reason",
    "triggers",
    "risk_factors",
    "person_agrees",
    "family_agrees",
    "intake_notes",
}


@transaction.atomic
def record_referral(
    *,
    icb,
    by,
    person: Person | None = None,
    person_fields: dict | None = None,
    team=None,
    allow_duplicate: bool = False,
    request=None,
    **fields,
) -> Referral:
    """Record a referral, for a person already on the register or a new one. A new person is only created
    when nobody on the register has their NHS number, or their name and date of birth, unless the user has
    looked at the possible matches and said this is someone else (`allow_duplicate`)."""
    unknown = set(fields) - REFERRAL_FIELDS
    if unknown:
        raise TypeError(f"unknown referral fields: {', '.join(sorted(unknown))}")
    not_in_future(fields.get("received_on"), "received_on", "The date the referral was received")
    check_date(
        fields["received_on"],
        field="received_on",
        subject="The date the referral was received",
        born=person.date_of_birth if person is not None else (person_fields or {}).get("date_of_birth"),
    )
    if fields.get("source") not in Source.values:
        raise ValidationError({"source": "Choose who made the referral"})
    if fields.get("channel") not in Channel.values:
        raise ValidationError({"channel": "Choose how the referral was received"})
    if not (fields.get("reason") or "").strip():
        raise ValidationError({"reason": "Enter why they are being referred"})
    if person is not None and person.icb_id != icb.pk:
        raise ValidationError("This person is on another integrated care board's register")
    if person is None:
        person_fields = dict(person_fields or {})
        if not allow_duplicate:
            matches = register_queries.find_duplicates(
                icb=icb,
                nhs_number=person_fields.get("nhs_number"),
                family_name=person_fields.get("family_name"),
                given_name=person_fields.get("given_name"),
                date_of_birth=person_fields.get("date_of_birth"),
            )
            if matches:
                raise ValidationError(
                    "This person may already be on the register. Choose them, or say they are someone else."
                )
        person = create_person(icb=icb, by=by, team=team, request=request, **person_fields)
    referral = Referral.objects.create(person=person, recorded_by=by, **fields)
    record_event(
        person=person,
        type="referral_received",
        date=referral.received_on,
        by=by,
        data={"source": referral.source},
        source=referral.source_ref,
    )
    audit_referral(
        by,
        "referral.recorded",
        referral,
        f"Recorded a referral from {referral.get_source_display().lower()} received "
        f"{nhs_date(referral.received_on)}",
        request,
    )
    return referral
