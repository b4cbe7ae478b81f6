"""Writes for the panel's members (s18: the roles the panel must include)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import Organisation, User
from opendsr.oversight.ics_panel.models import (
    OversightPanelMember,
)
from opendsr.oversight.ics_panel.services.common import _actor
from opendsr.web.today import today as get_today


@transaction.atomic
def save_member(
    *,
    icb: Organisation,
    by: User,
    member: OversightPanelMember | None = None,
    name: str,
    role: str,
    organisation: str,
    email: str = "",
    user: User | None = None,
    is_chair: bool = False,
    left_on: dt.date | None = None,
    request=None,
) -> OversightPanelMember:
    if user is not None and user.icb_id != icb.pk:
        raise ValidationError({"user": "Select someone from this ICB"})
    if left_on is not None and left_on > get_today():
        raise ValidationError({"left_on": "The date they left the panel must be today or in the past"})
    new = member is None
    member = member or OversightPanelMember(icb=icb)
    member.name, member.role, member.organisation = name, role, organisation
    member.email, member.user, member.is_chair, member.left_on = email, user, is_chair, left_on
    member.save()
    audit.record(
        _actor(by, request),
        "oversight_panel.member_added" if new else "oversight_panel.member_changed",
        summary=f"{'Added' if new else 'Changed'} {member.name} ({member.get_role_display()}) on the ICS "
        "oversight panel",
        detail={"member": member.pk},
    )
    return member
