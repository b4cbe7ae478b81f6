"""The DSR lead's settings for the public pages: the single point of contact, the criteria, the email domains
accepted without review, the privacy notice and the easy read pictures."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opendsr.accounts.access import Action, requires
from opendsr.public import forms, privacy, queries, services
from opendsr.web.form_pages import submit


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def settings_page(request):
    icb = request.user.icb
    current = queries.settings_for(icb)
    initial = (
        {name: getattr(current, name) for name in forms.FrontDoorForm.base_fields}
        if current
        else {
            "published": False,
            "criteria": forms.DEFAULT_CRITERIA,
            "hours": "Monday to Friday, 9am to 5pm",
            "trusted_domains": "nhs.net",
        }
    )
    initial["privacy_notice"] = initial.get("privacy_notice") or privacy.standard(icb)
    form = forms.FrontDoorForm(request.POST if request.method == "POST" else None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.save_front_door(icb=icb, by=request.user, request=request, **data),
        success="The public pages are saved.",
        redirect_to=reverse("public:settings"),
    )
    if done:
        return done
    public_url = (
        reverse("public:home", args=[icb.ods_code])
        if current and current.published and icb.ods_code
        else None
    )
    return render(
        request,
        "public/settings.jinja",
        {"form": form, "front_door": current, "pictures": queries.pictures(icb), "public_url": public_url},
    )


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def picture_add(request):
    form = forms.PictureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_picture(icb=request.user.icb, by=request.user, request=request, **form.cleaned_data)
        messages.success(request, "The picture is added to the easy read page.")
        return redirect("public:settings")
    return render(request, "public/picture_add.jinja", {"form": form})


@requires(Action.MANAGE_SETTINGS)
@require_POST
def picture_remove(request, easyreadpicture_pk):
    picture = queries.picture(request.user.icb, easyreadpicture_pk)
    services.remove_picture(picture=picture, by=request.user, request=request)
    messages.success(request, "The picture is removed from the easy read page.")
    return redirect("public:settings")
