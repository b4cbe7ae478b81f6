"""Possible duplicates, the side-by-side merge page and its check page, merges, and undoing one. For the DSR lead."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.records import forms, queries, services
from opendsr.records.rules import SAME_NHS_NUMBER
from opendsr.records.services.merging import moves_of
from opendsr.records.services.not_duplicates import same_nhs_number
from opendsr.web.form_pages import form_page
from opendsr.web.forms import show_refusal

PAGE_SIZE = 20


@requires(Action.MERGE_RECORDS)
def duplicates(request):
    pairs = queries.possible_duplicates(request.user)
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [p for pair in page.object_list for p in (pair.first, pair.second)]
    audit.listed(request, "the possible duplicates", people=shown, filters={"page": request.GET.get("page")})
    return render(
        request,
        "records/duplicates.jinja",
        {"page": page, "count": len(pairs), "query": "", "person": None, "same_nhs_number": SAME_NHS_NUMBER},
    )


@requires(Action.MERGE_RECORDS, person_kwarg="pk")
def person_duplicates(request, pk):
    person = access.person_for(request.user, pk, Action.MERGE_RECORDS)
    pairs = queries.duplicates_of(request.user, person)
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        f"the possible duplicates of {person.full_name}",
        people=[person, *(pair.second for pair in page.object_list)],
        filters={"person": person.pk},
    )
    return render(
        request,
        "records/duplicates.jinja",
        {
            "page": page,
            "count": len(pairs),
            "query": "",
            "person": person,
            "same_nhs_number": SAME_NHS_NUMBER,
        },
    )


def both_visible(view):
    """A 404 when the second record is not the user's to see, before anything else is said about the first."""

    @functools.wraps(view)
    def check(request, pk, duplicate_pk):
        if not access.people_for(request.user).filter(pk=duplicate_pk).exists():
            raise Http404("No such person")
        return view(request, pk=pk, duplicate_pk=duplicate_pk)

    return check


@both_visible
@requires(Action.MERGE_RECORDS, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def merge(request, pk, duplicate_pk):
    first = access.person_for(request.user, pk, Action.MERGE_RECORDS)
    second = access.person_for(request.user, duplicate_pk, Action.MERGE_RECORDS)
    audit.shows(request, second)
    form = forms.MergeForm(request.POST or None, first=first, second=second)
    problem = _cannot_merge(first, second)
    if request.method == "POST" and not problem and form.is_valid():
        survivor, merged = form.survivor_and_merged()
        if form.confirmed:
            try:
                record = services.merge(
                    survivor=survivor,
                    merged=merged,
                    by=request.user,
                    take_from_merged=form.take_from_merged(),
                    reason=form.cleaned_data["reason"],
                    request=request,
                )
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(
                    request,
                    f"Records merged: {merged.full_name}'s record {merged.pk} is now part of record {survivor.pk}",
                )
                return redirect("records:merge_detail", record.pk)
        else:
            audit.record(
                request,
                "person.viewed",
                person=survivor,
                summary=f"Checked merging record {merged.pk} into this record",
            )
            audit.record(
                request,
                "person.viewed",
                person=merged,
                summary=f"Checked merging this record into record {survivor.pk}",
            )
            return render(
                request,
                "records/merge_check.jinja",
                {
                    "form": form,
                    "first": first,
                    "second": second,
                    "survivor": survivor,
                    "merged": merged,
                    "moving": queries.moved_counts(moves_of(merged)),
                },
            )
    rows = [
        (forms.field_label(field), forms.shown(first, field), forms.shown(second, field))
        for field in form.differing
    ]
    return render(
        request,
        "records/merge.jinja",
        {
            "form": form,
            "first": first,
            "second": second,
            "rows": rows,
            "problem": problem,
            "same_nhs_number": same_nhs_number(first, second),
            "held": [(p, queries.moved_counts(moves_of(p))) for p in (first, second)],
        },
    )


def _cannot_merge(first, second) -> str:
    if first.pk == second.pk:
        return "These are the same record."
    for person in (first, second):
        if services.merging.in_force_merge_of(person):
            return f"Record {person.pk} has already been merged into another record. Undo that merge first."
    return ""


def listed_pairs(request, rows, *, what: str, ids, template: str):
    """A page of records that each name two people (merges, marks), audited as a list of both people of each."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        what,
        people=[person_id for row in page.object_list for person_id in ids(row)],
        filters={"page": request.GET.get("page")},
    )
    return render(request, template, {"page": page, "query": ""})


@requires(Action.MERGE_RECORDS)
def merges(request):
    return listed_pairs(
        request,
        queries.merges_for(request.user),
        what="the merged records",
        ids=lambda merge: (merge.survivor_id, merge.merged_id),
        template="records/merges.jinja",
    )


@requires(Action.MERGE_RECORDS)
def merge_detail(request, record_merge_pk):
    record = queries.merge_for(request.user, record_merge_pk)
    audit.shows(request, record.survivor)
    audit.shows(request, record.merged)
    history = record.history.select_related("history_user").order_by("-history_date")
    return render(
        request,
        "records/merge_detail.jinja",
        {"merge": record, "moving": queries.moved_counts(record.moved or {}), "history": history},
    )


@requires(Action.MERGE_RECORDS)
@require_http_methods(["GET", "POST"])
def unmerge(request, record_merge_pk):
    record = queries.merge_for(request.user, record_merge_pk)
    if not record.in_force:
        return redirect("records:merge_detail", record.pk)
    audit.shows(request, record.survivor)
    audit.shows(request, record.merged)
    return form_page(
        request,
        forms.UnmergeForm(request.POST or None),
        template="records/unmerge.jinja",
        call=lambda data: services.unmerge(
            merge_record=record, by=request.user, reason=data["reason"], request=request
        ),
        success=f"Merge undone: record {record.merged_id} is back as it was before the merge",
        redirect_to=reverse("records:merge_detail", args=[record.pk]),
        context={"merge": record, "moving": queries.moved_counts(record.moved or {})},
    )
