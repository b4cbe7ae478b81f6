"""Saying two records that look alike are different people, the list of those marks, and removing one. For the DSR
lead."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.records import forms, queries, services
from opendsr.records.services.not_duplicates import mark_of, same_nhs_number
from opendsr.records.views.merging import both_visible, listed_pairs
from opendsr.web.form_pages import submit
from opendsr.web.forms import show_refusal


@both_visible
@requires(Action.MERGE_RECORDS, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def not_duplicate(request, pk, duplicate_pk):
    first = access.person_for(request.user, pk, Action.MERGE_RECORDS)
    second = access.person_for(request.user, duplicate_pk, Action.MERGE_RECORDS)
    audit.shows(request, second)
    existing = mark_of(first, second)
    problem = ""
    if first.pk == second.pk:
        problem = "These are the same record."
    elif same_nhs_number(first, second):
        problem = "These records have the same NHS number, so they are the same person. Merge them instead."
    form = forms.NotDuplicateForm(request.POST or None)
    if not problem and existing is None:
        done = submit(
            request,
            form,
            lambda data: services.mark_not_duplicate(
                first=first, second=second, by=request.user, reason=data["reason"], request=request
            ),
            success=f"Marked as different people: records {first.pk} and {second.pk} are no longer offered as "
            "a possible duplicate",
            redirect_to=reverse("records:duplicates"),
        )
        if done:
            return done
    return render(
        request,
        "records/not_duplicate.jinja",
        {"form": form, "first": first, "second": second, "problem": problem, "existing": existing},
    )


@requires(Action.MERGE_RECORDS)
def not_duplicates(request):
    return listed_pairs(
        request,
        queries.marks_for(request.user),
        what="the records marked as different people",
        ids=lambda mark: (mark.first_id, mark.second_id),
        template="records/not_duplicates.jinja",
    )


@requires(Action.MERGE_RECORDS)
@require_http_methods(["GET", "POST"])
def remove_not_duplicate(request, not_duplicate_pk):
    mark = queries.mark_for(request.user, not_duplicate_pk)
    if not mark.in_force:
        return redirect("records:not_duplicates")
    audit.shows(request, mark.first)
    audit.shows(request, mark.second)
    form = forms.RemoveMarkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.remove_mark(
                mark=mark, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"Mark removed: records {mark.first_id} and {mark.second_id} may be offered as a possible "
                "duplicate again",
            )
            return redirect("records:not_duplicates")
    history = mark.history.select_related("history_user").order_by("-history_date")
    return render(
        request, "records/remove_not_duplicate.jinja", {"mark": mark, "form": form, "history": history}
    )
