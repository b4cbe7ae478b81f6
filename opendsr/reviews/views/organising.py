"""Pages for organising a C(E)TR: the list, starting one, its page, the arrangements, the panel, the checklist
and cancelling it. Each view checks access, calls a service or a query, and renders."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.reviews import forms, queries
from opendsr.reviews.models import (
    PanelRole,
    ReviewKind,
    ReviewRequest,
)
from opendsr.reviews.services.invitations import (
    send_panel_details,
)
from opendsr.reviews.services.organising import (
    cancel_review,
    choose_panel,
    organise_review,
    update_arrangements,
    update_checklist,
)
from opendsr.reviews.views.common import _form_page, _pk, _review
from opendsr.web.form_pages import one_step, submit
from opendsr.web.labels import kind_label
from opendsr.web.params import query_without_page
from opendsr.web.today import today as get_today


@requires(Action.VIEW_REVIEWS)
def review_list(request):
    form = forms.ListForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {}) or {}
    filters = queries.ListFilters(
        status=data.get("status", ""), kind=data.get("kind", ""), q=data.get("q", "")
    )
    reviews = queries.review_list(request.user, filters)
    page = Paginator(reviews, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        "the C(E)TR list",
        people=[review.person_id for review in page.object_list],
        filters={**vars(filters), "page": page.number},
    )
    return render(
        request,
        "reviews/list.jinja",
        {
            "form": form,
            "page": page,
            "rows": page.object_list,
            "count": page.paginator.count,
            "query": query_without_page(request),
            "filtered": any(request.GET.get(k) for k in ("q", "status", "kind")),
            "may_manage": access.allowed(request.user, Action.MANAGE_REVIEWS),
        },
    )


@requires(Action.MANAGE_REVIEWS, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def review_new(request, person_pk):
    person = access.person_for(request.user, person_pk, Action.MANAGE_REVIEWS)
    kind = request.GET.get("kind") if request.GET.get("kind") in ReviewKind.values else None
    review_request = None
    if request.GET.get("request"):
        review_request = ReviewRequest.objects.filter(person=person, pk=_pk(request.GET["request"])).first()
        kind = kind or ReviewKind.REQUESTED
    form = forms.NewReviewForm(request.POST or None, initial={"kind": kind})
    obligation = (
        queries.open_obligation_for(person, form["kind"].value() or "") if form["kind"].value() else None
    )
    in_progress = queries.review_in_progress(person, obligation.kind) if obligation else None
    done = submit(
        request,
        form,
        lambda data: organise_review(
            person=person, by=request.user, kind=data["kind"], review_request=review_request, request=request
        ),
        success=lambda review: f"The {review.get_kind_display()} is started. Work through the steps below.",
        redirect_to=lambda review: reverse("reviews:detail", args=[review.pk]),
    )
    if done:
        return done
    return render(
        request,
        "reviews/new.jinja",
        {
            "person": person,
            "form": form,
            "obligation": obligation,
            "obligation_label": kind_label(obligation.kind) if obligation else "",
            "in_progress": in_progress,
            "today": get_today(),
        },
    )


@requires(Action.VIEW_PERSON)
def review_detail(request, review_pk):
    review = _review(request, review_pk)
    audit.record(
        request,
        "review.viewed",
        person=review.person,
        summary=f"Viewed the {review.get_kind_display()}",
        detail={"review": review.pk},
    )
    today = get_today()
    return render(
        request,
        "reviews/detail.jinja",
        {
            "review": review,
            "person": review.person,
            "today": today,
            "may_manage": access.allowed(request.user, Action.MANAGE_REVIEWS),
            **queries.review_page(review, today, user=request.user),
        },
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def arrangements(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    names = list(forms.ArrangementsForm.base_fields)
    form = forms.ArrangementsForm(request.POST or None, initial={n: getattr(review, n) for n in names})
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Agree the date and venue",
        lead="Choose a date that suits the person and their family, and a place where they feel comfortable.",
        call=lambda data: update_arrangements(review=review, by=request.user, request=request, **data),
        success="The date and venue are saved.",
        redirect_to=reverse("reviews:detail", args=[review.pk]),
        extra={"due": queries.due_obligation(review, get_today())},
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def panel(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    seats = {s.role: s.member for s in review.seats.filter(removed_at__isnull=True)}
    initial = {**seats, "same_panel_next_time": review.same_panel_next_time}
    form = forms.PanelForm(request.POST or None, icb=review.person.icb, initial=initial)
    warnings = []
    if request.method == "POST" and form.is_valid():
        warnings = queries.warnings_for_panel(review, form.members())
        done = submit(
            request,
            form,
            lambda data: choose_panel(
                review=review,
                by=request.user,
                members=form.members(),
                accept_warnings=data["accept_warnings"],
                reason=data["reason"],
                same_panel_next_time=data["same_panel_next_time"],
                request=request,
            ),
            success="The panel is saved.",
            redirect_to=reverse("reviews:detail", args=[review.pk]),
        )
        if done:
            return done
    elif seats:
        warnings = queries.warnings_for_panel(review, {r: seats.get(r) for r in PanelRole.values})
    return render(
        request,
        "reviews/panel.jinja",
        {"review": review, "person": review.person, "form": form, "warnings": warnings},
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def checklist(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    if request.method == "POST" and request.POST.get("send_panel_details"):
        one_step(
            request,
            lambda: send_panel_details(review=review, by=request.user, request=request),
            "The panel's names are sent to the person.",
        )
        return redirect("reviews:checklist", review.pk)
    names = list(forms.ChecklistForm.base_fields)
    form = forms.ChecklistForm(request.POST or None, initial={n: getattr(review, n) for n in names})
    return _form_page(
        request,
        review=review,
        form=form,
        heading="Before the review",
        lead="Record when each step was done. The dates they are due come from the date of the review.",
        call=lambda data: update_checklist(review=review, by=request.user, request=request, **data),
        success="The checklist is saved.",
        redirect_to=reverse("reviews:detail", args=[review.pk]),
        extra={"checklist": queries.checklist(review, get_today()), "show_checklist": True},
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def cancel(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    return _form_page(
        request,
        review=review,
        form=forms.CancelForm(request.POST or None),
        heading="Cancel this review",
        lead="The review stays on the record, marked as cancelled. The review the clock says is due stays due.",
        call=lambda data: cancel_review(review=review, by=request.user, request=request, **data),
        success="The review is cancelled.",
        redirect_to=reverse("reviews:detail", args=[review.pk]),
        submit="Cancel the review",
    )
