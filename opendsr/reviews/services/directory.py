"""The panel directory, payments to panel members, the ICB's review settings and key lines of enquiry."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.reviews import kloe
from opendsr.reviews.models import (
    PanelMember,
    PanelSeat,
    ReviewSettings,
)
from opendsr.reviews.queries import (
    settings_for,
)
from opendsr.reviews.services.common import _audit, _not_in_future, _required


@transaction.atomic
def update_settings(*, icb, by, request=None, **values) -> ReviewSettings:
    current = settings_for(icb)
    for name, value in values.items():
        if isinstance(value, Decimal) and value < 0:
            raise ValidationError({name: "Enter an amount of £0 or more"})
        setattr(current, name, value)
    current.save()
    audit.record(
        by, "reviews.settings_changed", summary="Changed the C(E)TR fees and settings", request=request
    )
    return current


@transaction.atomic
def save_panel_member(*, icb, by, member: PanelMember | None = None, request=None, **values) -> PanelMember:
    _required(
        {"name": (values.get("name"), "Enter their name"), "role": (values.get("role"), "Choose their role")}
    )
    member = member or PanelMember(icb=icb)
    for name, value in values.items():
        setattr(member, name, value)
    member.save()
    audit.record(
        by, "panel_member.saved", summary=f"Saved {member.name} in the panel directory", request=request
    )
    return member


@transaction.atomic
def record_payment(
    *, seat: PanelSeat, by, fee, expenses, expenses_note="", paid_on=None, request=None
) -> PanelSeat:
    for field, value in (("fee", fee), ("expenses", expenses)):
        if value is None or value < 0:
            raise ValidationError({field: "Enter an amount of £0 or more"})
    _not_in_future(paid_on, "paid_on", "The date it was paid")
    seat.fee, seat.expenses, seat.expenses_note, seat.paid_on = (
        fee,
        expenses,
        (expenses_note or "").strip(),
        paid_on,
    )
    seat.save()
    _audit(by, "review.payment_recorded", seat.review, f"Recorded payment for {seat.member.name}", request)
    return seat


@transaction.atomic
def save_kloe_template(*, icb, by, setting: str, population: str, prompts: dict, request=None):
    """Save edited key lines of enquiry as a new version; earlier findings keep the version they used."""
    from opendsr.reviews.models import KloeTemplate

    if not any(prompts.values()):
        raise ValidationError("Enter at least one prompt")
    current = kloe.current_template(icb, setting, population)
    for previous in KloeTemplate.objects.filter(icb=icb, setting=setting, population=population, active=True):
        previous.active = False
        previous.save(update_fields=["active"])  # one save each, so each version's history keeps the change
    template = KloeTemplate.objects.create(
        icb=icb,
        setting=setting,
        population=population,
        prompts={str(q): lines for q, lines in prompts.items()},
        version=(current.version or 1) + 1 if current.pk else 2,
        created_by=by,
    )
    audit.record(
        by, "kloe.changed", summary=f"Saved key lines of enquiry version {template.version}", request=request
    )
    return template
