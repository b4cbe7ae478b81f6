"""Writes for the figures: the ICB's small-numbers rule and its region."""

from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import Organisation, User
from opendsr.reporting.models import SmallNumbers


@transaction.atomic
def update_small_numbers(
    *, by: User, threshold: int, round_to_5: bool, region: str, request=None
) -> SmallNumbers:
    icb = Organisation.objects.select_for_update().get(pk=by.icb_id)
    setting, _ = SmallNumbers.objects.get_or_create(icb=icb)
    before = {"threshold": setting.threshold, "round_to_5": setting.round_to_5, "region": icb.region}
    setting.threshold, setting.round_to_5 = threshold, round_to_5
    setting.save()
    icb.region = region
    icb.save()
    audit.record(
        by,
        "settings.changed",
        request=request,
        summary="Changed how the figures protect small numbers",
        detail={"before": before, "threshold": threshold, "round_to_5": round_to_5, "region": region},
    )
    return setting
