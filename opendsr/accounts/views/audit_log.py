"""The audit log and its export."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from opendsr.accounts import audit, queries
from opendsr.accounts.access import Action, requires
from opendsr.accounts.forms import AuditSearchForm
from opendsr.accounts.views.common import PAGE_SIZE
from opendsr.web import exports
from opendsr.web.formatting import nhs_number
from opendsr.web.params import query_without_page


def _audit_filters(request):
    form = AuditSearchForm(request.GET or None, actions=queries.audit_actions_for(request.user))
    filters = queries.AuditFilters()
    if form.is_bound and form.is_valid():
        filters = queries.AuditFilters(**form.cleaned_data)
    return form, filters


@requires(Action.VIEW_AUDIT)
def audit_log_view(request):
    form, filters = _audit_filters(request)
    events = queries.audit_events_for(request.user, filters)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        "the audit log",
        people=[event.person_id for event in page.object_list if event.person_id],
        filters={**{k: str(v) for k, v in filters.__dict__.items() if v}, "page": page.number},
    )
    return render(
        request,
        "accounts/audit_log.jinja",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "search": queries.describe_audit_search(filters, events),
        },
    )


@requires(Action.VIEW_AUDIT)
def audit_export_view(request):
    form, filters = _audit_filters(request)
    events = list(queries.audit_events_for(request.user, filters).iterator(chunk_size=2000))
    return exports.download(
        request,
        fmt=exports.CSV,
        name=f"opendsr-audit-{timezone.localtime():%Y-%m-%d}",
        columns=["When", "Who", "Action", "Summary", "Person", "NHS number", "Page"],
        rows=[
            [
                event.at,
                event.who,
                event.action,
                event.summary,
                event.person.full_name if event.person else "",
                nhs_number(event.person.nhs_number, "") if event.person else "",
                event.path,
            ]
            for event in events
        ],
        action="audit.exported",
        summary=f"Exported {len(events)} audit entr{'y' if len(events) == 1 else 'ies'}",
        people=[event.person_id for event in events],
        detail={"filters": {k: str(v) for k, v in filters.__dict__.items() if v}},
    )
