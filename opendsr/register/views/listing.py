"""The register's list of people, its filters, and its export."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.register import forms, queries
from opendsr.web import exports
from opendsr.web.formatting import nhs_number
from opendsr.web.params import query_without_page
from opendsr.web.today import today as get_today

PAGE_SIZE = 25


def _search(request):
    form = forms.RegisterSearchForm(request.GET or None, teams=queries.teams_for(request.user))
    filters = form.filters()
    return form, filters, queries.register_for(request.user, filters)


@requires(Action.VIEW_REGISTER)
def register_list(request):
    form, filters, people = _search(request)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    today = get_today()
    audit.listed(
        request,
        "the register",
        people=page.object_list,
        filters={**filters.described(), "page": page.number},
    )
    return render(
        request,
        "register/list.jinja",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "rows": queries.rows(page.object_list, today),
            "query": query_without_page(request),
            "export_query": request.GET.urlencode(),
            "can_export": access.allowed(request.user, Action.EXPORT_REGISTER),
            "can_add": access.allowed(request.user, Action.EDIT_PERSON),
        },
    )


EXPORT_COLUMNS = [
    "NHS number",
    "First name",
    "Last name",
    "Date of birth",
    "Pathway",
    "Rating",
    "Rating decided",
    "Status",
    "Setting",
    "Team",
    "Case manager",
    "Consent",
]


def _export_values(row) -> list:
    p = row.person
    return [
        nhs_number(p.nhs_number, ""),
        p.given_name,
        p.family_name,
        p.date_of_birth,
        row.pathway,
        row.tag.text,
        p.rating_decided_on,
        p.get_status_display(),
        p.get_location_display(),
        p.team.name if p.team else "",
        p.case_manager.display_name if p.case_manager else "",
        row.consent,
    ]


@requires(Action.EXPORT_REGISTER)
def register_export(request, fmt):
    if fmt not in (exports.CSV, exports.EXCEL):
        raise Http404("No such format")
    _form, filters, people = _search(request)
    rows = queries.rows(people.iterator(chunk_size=2000), get_today())
    return exports.download(
        request,
        fmt=fmt,
        name=f"opendsr-register-{timezone.localtime():%Y-%m-%d}",
        sheet_title="Register",
        columns=EXPORT_COLUMNS,
        rows=[_export_values(row) for row in rows],
        action="register.exported",
        summary=f"Exported {len(rows)} {'person' if len(rows) == 1 else 'people'} from the register",
        people=[row.person.pk for row in rows],
        detail={"filters": filters.described()},
    )
