"""Reads for the public front door: only what an ICB has published, never anything about a person."""

from __future__ import annotations

import datetime as dt

from django.http import Http404

from opendsr.accounts.models import AuditEvent, Organisation, OrganisationKind
from opendsr.public.models import EasyReadPicture, FrontDoor

# The audit rows that count towards one network address's limit of referrals an hour (sent, refused, or a
# professional's waiting for its link).
ATTEMPTS = ("public.referral.sent", "public.referral.refused", "public.professional.started")


def published() -> list[FrontDoor]:
    """The ICBs whose public pages are shown, by name."""
    return list(
        FrontDoor.objects.filter(published=True, icb__kind=OrganisationKind.ICB)
        .exclude(icb__ods_code="")
        .select_related("icb")
        .order_by("icb__name")
    )


def front_door(ods_code: str) -> FrontDoor:
    """The published pages of the ICB with this ODS code; 404 when there are none (or they are not shown)."""
    code = (ods_code or "").strip().upper()
    found = (
        FrontDoor.objects.filter(published=True, icb__kind=OrganisationKind.ICB, icb__ods_code__iexact=code)
        .exclude(icb__ods_code="")
        .select_related("icb")
        .first()
        if code.isalnum() and len(code) <= 12
        else None
    )
    if found is None:
        raise Http404("No public pages for this ICB")
    return found


def settings_for(icb: Organisation) -> FrontDoor | None:
    return FrontDoor.objects.filter(icb=icb).first()


def pictures(icb: Organisation) -> list[EasyReadPicture]:
    return list(EasyReadPicture.objects.filter(icb=icb))


def picture(icb: Organisation, pk: int) -> EasyReadPicture:
    found = EasyReadPicture.objects.filter(icb=icb, pk=pk).first()
    if found is None:
        raise Http404("No such picture")
    return found


def attempts_this_hour(address: str | None, now: dt.datetime) -> int:
    """How many online referrals were sent or refused from this network address in the last hour."""
    if not address:
        return 0
    return AuditEvent.objects.filter(
        action__in=ATTEMPTS, ip_address=address, at__gte=now - dt.timedelta(hours=1)
    ).count()
