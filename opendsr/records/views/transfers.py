"""Moving a person to another ICB's register: the proposal (the sending DSR lead), the answer (the receiving DSR
lead), the list of moves waiting and answered, and the sending ICB's note of the people who moved away."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.records import forms, queries, services
from opendsr.records.models import TransferStatus
from opendsr.web.form_pages import submit
from opendsr.web.forms import show_refusal

PAGE_SIZE = 25


@requires(Action.TRANSFER_PEOPLE)
def transfers(request):
    found = queries.transfers_for(request.user)
    made = queries.packages_for(request.user)
    shown = [t.person_id for group in found.values() for t in group] + [
        p.person_id for p in made if p.person_id
    ]
    audit.listed(request, "the moves between ICBs", people=shown)
    return render(request, "records/transfers.jinja", {**found, "packages": made})


@requires(Action.TRANSFER_PEOPLE, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def propose_transfer(request, pk):
    person = access.person_for(request.user, pk, Action.TRANSFER_PEOPLE)
    pending = queries.transfer_of(person)
    form = forms.TransferForm(request.POST or None, icbs=queries.other_icbs(request.user))
    if pending is None:
        done = submit(
            request,
            form,
            lambda data: services.propose_transfer(
                person=person, by=request.user, to_icb=data["to_icb"], reason=data["reason"], request=request
            ),
            success=lambda moving: (
                f"Move proposed: {moving.to_icb.name}'s DSR lead will accept or decline it"
            ),
            redirect_to=lambda moving: reverse("records:transfer", args=[moving.pk]),
        )
        if done:
            return done
    return render(
        request, "records/propose_transfer.jinja", {"person": person, "form": form, "pending": pending}
    )


@requires(Action.TRANSFER_PEOPLE)
@require_http_methods(["GET", "POST"])
def transfer(request, icb_transfer_pk):
    moving = queries.transfer_for(request.user, icb_transfer_pk)
    receiving = moving.to_icb_id == request.user.icb_id and moving.status == TransferStatus.PROPOSED
    form = forms.TransferAnswerForm(request.POST or None) if receiving else None
    if request.method == "POST" and form is not None and form.is_valid():
        accept = form.cleaned_data["decision"] == forms.ACCEPT
        act = services.accept_transfer if accept else services.decline_transfer
        try:
            act(transfer=moving, by=request.user, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as error:
            show_refusal(form, error)
        else:
            if accept:
                messages.success(
                    request,
                    f"Move accepted: {moving.person_name} is on your register. Allocate them to a team.",
                )
                return redirect("register:detail", moving.person_id)
            messages.success(request, f"Move declined: {moving.from_icb.name} has been told why")
            return redirect("records:transfers")
    if request.method == "GET":
        audit.listed(
            request, f"the move of {moving.person_name} to {moving.to_icb.name}", people=[moving.person_id]
        )
    person_link = (
        access.link(request.user, "register:detail", moving.person_id)
        if access.people_for(request.user).filter(pk=moving.person_id).exists()
        else None
    )
    return render(
        request, "records/transfer.jinja", {"moving": moving, "form": form, "person_link": person_link}
    )


@requires(Action.VIEW_REGISTER)
def moved_away(request):
    page = Paginator(queries.moved_away(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request, "the people who moved to another ICB", people=[t.person_id for t in page.object_list]
    )
    return render(request, "records/moved_away.jinja", {"page": page, "query": ""})
