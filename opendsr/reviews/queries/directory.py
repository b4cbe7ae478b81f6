"""Reads for the directory: payments to the panel, the ICB's review settings and the key lines of enquiry."""

from __future__ import annotations

import datetime as dt

from opendsr.reviews import kloe
from opendsr.reviews.models import KloePopulation, KloeSetting, Review, ReviewPathway, ReviewSettings


def payments(user, month: dt.date) -> list:
    """Every panel seat on a review held in the month, for the user's ICB."""
    from opendsr.reviews.models import PanelSeat

    start = month.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return list(
        PanelSeat.objects.filter(
            review__person__icb_id=user.icb_id,
            review__held_on__gte=start,
            review__held_on__lt=end,
            removed_at__isnull=True,
        )
        .select_related("member", "review", "review__person")
        .order_by("member__name", "review__held_on")
    )


def settings_for(icb) -> ReviewSettings:
    """The ICB's review settings; the Appendix 11 defaults (unsaved) until the DSR lead changes them."""
    return ReviewSettings.objects.filter(icb=icb).first() or ReviewSettings(icb=icb)


def kloe_template_for(review: Review):
    setting = KloeSetting.INPATIENT if review.is_inpatient_review else KloeSetting.COMMUNITY
    population = KloePopulation.CHILD if review.pathway == ReviewPathway.CETR else KloePopulation.ADULT
    return kloe.current_template(review.person.icb, setting, population)
