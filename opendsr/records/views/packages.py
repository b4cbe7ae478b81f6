"""Moving a person to or from an ICB that uses another OpenDSR, by a transfer package: the sending DSR lead makes
it (the person leaves the register) and downloads it as JSON and as a PDF summary; the receiving DSR lead uploads
the JSON, checks the preview and imports it, all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.records import forms, packages, queries, services
from opendsr.records.models import PackageDirection, PackageStatus
from opendsr.register.models import ExitReason, RegisterStatus
from opendsr.web.forms import Form, show_refusal
from opendsr.web.today import today as get_today


def _moved_away(person):
    """How the person already left the register as moved to another ICB, if they did."""
    left = services.packages.latest_exit(person) if person.status == RegisterStatus.LEFT else None
    return left if left is not None and left.reason == ExitReason.MOVED_ICB else None


@requires(Action.TRANSFER_PEOPLE, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def make_package(request, pk):
    person = access.person_for(request.user, pk, Action.TRANSFER_PEOPLE)
    made = queries.package_of(person)
    if made is not None:
        return redirect("records:package", made.pk)
    left = _moved_away(person)
    initial = (
        {"to_icb_name": left.new_icb_name, "left_on": left.left_on, "reason": left.notes}
        if left
        else {"left_on": get_today()}
    )
    form = forms.MakePackageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            package = services.make_package(
                person=person, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"Transfer package made: {person.full_name} has left your register. Download it and send it "
                f"securely to {package.other_icb_name}'s DSR lead.",
            )
            return redirect("records:package", package.pk)
    return render(request, "records/make_package.jinja", {"person": person, "form": form, "left": left})


@requires(Action.TRANSFER_PEOPLE)
@require_http_methods(["GET", "POST"])
def receive_package(request):
    form = forms.ReceivePackageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, document = form.cleaned_data["package"]
        package = services.receive_package(
            icb=request.user.icb, by=request.user, document=document, file_name=name, request=request
        )
        return redirect("records:package", package.pk)
    return render(request, "records/receive_package.jinja", {"form": form})


@requires(Action.TRANSFER_PEOPLE)
@require_http_methods(["GET", "POST"])
def package(request, transfer_package_pk):
    found = queries.package_for(request.user, transfer_package_pk)
    previewing = found.direction == PackageDirection.RECEIVED and found.status == PackageStatus.PREVIEW
    check = queries.package_check(found) if previewing else None
    form = Form(request.POST if request.method == "POST" else None) if previewing else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            person = services.import_package(package=found, by=request.user, request=request)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, f"Imported: {person.full_name} is on your register. Allocate them to a team."
            )
            return redirect("register:detail", person.pk)
    if request.method == "GET":
        shown = [p for p in (found.person_id, check.already.pk if check and check.already else None) if p]
        audit.listed(request, f"the transfer package of {found.person_name}", people=shown)
    person_link = (
        access.link(request.user, "register:detail", found.person_id)
        if found.person_id and access.people_for(request.user).filter(pk=found.person_id).exists()
        else None
    )
    return render(
        request,
        "records/package.jinja",
        {
            "found": found,
            "package": found.document,
            "check": check,
            "form": form,
            "person_link": person_link,
            "sent": found.direction == PackageDirection.SENT,
            "on": packages.on,
        },
    )


def _download(request, found, content: bytes, *, content_type: str, ending: str, what: str):
    audit.record(
        request,
        "transfer_package.downloaded",
        person=found.person,
        summary=f"Downloaded the transfer package of {found.person_name} ({what})",
        detail={"package": found.pk, "format": ending},
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="opendsr-transfer-package-{found.pk}-{found.made_at:%Y-%m-%d}.{ending}"'
    )
    add_never_cache_headers(response)
    return response


@requires(Action.TRANSFER_PEOPLE)
def package_json(request, transfer_package_pk):
    found = queries.package_for(request.user, transfer_package_pk)
    return _download(
        request,
        found,
        packages.as_json(found.document),
        content_type="application/json",
        ending="json",
        what="JSON",
    )


@requires(Action.TRANSFER_PEOPLE)
def package_pdf(request, transfer_package_pk):
    found = queries.package_for(request.user, transfer_package_pk)
    return _download(
        request,
        found,
        packages.summary_pdf(found.document),
        content_type="application/pdf",
        ending="pdf",
        what="PDF summary",
    )


@requires(Action.TRANSFER_PEOPLE)
def package_schema(request):
    """The JSON Schema every transfer package follows, for another system to check against."""
    return HttpResponse(packages.SCHEMA_PATH.read_bytes(), content_type="application/schema+json")
