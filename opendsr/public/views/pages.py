"""An ICB's public pages (no log-in): what the DSR is, the easy read page, the privacy notice, the accessibility
statement, and the list of the ICBs using this OpenDSR. They show only what an ICB has published."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render

from opendsr.public import privacy as privacy_notice
from opendsr.public import queries, rules


def index(request):
    return render(request, "public/index.jinja", {"front_doors": queries.published()})


def home(request, ods_code):
    front_door = queries.front_door(ods_code)
    return render(request, "public/home.jinja", context(front_door))


def easy_read(request, ods_code):
    front_door = queries.front_door(ods_code)
    return render(
        request, "public/easy_read.jinja", context(front_door, pictures=queries.pictures(front_door.icb))
    )


def privacy(request, ods_code):
    front_door = queries.front_door(ods_code)
    return render(
        request, "public/privacy.jinja", context(front_door, notice=privacy_notice.notice(front_door))
    )


def accessibility(request, ods_code):
    return render(request, "public/accessibility.jinja", context(queries.front_door(ods_code)))


def picture_file(request, ods_code, easyreadpicture_pk):
    front_door = queries.front_door(ods_code)
    picture = queries.picture(front_door.icb, easyreadpicture_pk)
    try:
        handle = picture.image.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The picture's file is missing") from error
    content_type = "image/png" if picture.image.name.lower().endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def context(front_door, **extra) -> dict:
    criteria = [line.strip(" -•\t") for line in front_door.criteria.splitlines() if line.strip(" -•\t")]
    return {
        "front_door": front_door,
        "icb": front_door.icb,
        "criteria": criteria,
        "link_valid_for": rules.LINK_VALID_FOR_WORDS,
        **extra,
    }
