"""Writes for what the DSR lead publishes on the public pages: the contact, criteria, domains, privacy notice and
the easy read pictures."""

from __future__ import annotations

from django.db import transaction

from opendsr.accounts import audit
from opendsr.public import privacy
from opendsr.public.models import EasyReadPicture, FrontDoor


@transaction.atomic
def save_front_door(*, icb, by, request=None, **fields) -> FrontDoor:
    front_door = FrontDoor.objects.filter(icb=icb).first() or FrontDoor(icb=icb)
    for name, value in fields.items():
        setattr(front_door, name, value.strip() if isinstance(value, str) else value)
    if privacy.is_standard(front_door.privacy_notice, icb):
        front_door.privacy_notice = ""  # the standard wording, kept up to date with what OpenDSR does
    front_door.updated_by = by
    front_door.full_clean()
    front_door.save()
    audit.record(
        by,
        "public_pages.changed",
        summary="Changed the public pages" + (" and showed them" if front_door.published else " (not shown)"),
        detail={"published": front_door.published},
        request=request,
    )
    return front_door


@transaction.atomic
def add_picture(*, icb, by, image, sentence: str, alt_text: str, request=None) -> EasyReadPicture:
    """Add a picture to the easy read page. `image` is already re-made by `uploads.photo_from_upload`."""
    position = EasyReadPicture.objects.filter(icb=icb).count()
    picture = EasyReadPicture(
        icb=icb,
        image=image,
        sentence=sentence.strip(),
        alt_text=alt_text.strip(),
        position=position,
        added_by=by,
    )
    picture.full_clean()
    picture.save()
    audit.record(
        by,
        "public_pages.picture_added",
        summary=f"Added an easy read picture: {alt_text}"[:300],
        request=request,
    )
    return picture


@transaction.atomic
def remove_picture(*, picture: EasyReadPicture, by, request=None) -> None:
    alt_text = picture.alt_text
    picture.image.delete(save=False)
    picture.delete()
    audit.record(
        by,
        "public_pages.picture_removed",
        summary=f"Removed an easy read picture: {alt_text}"[:300],
        request=request,
    )
