"""The NHS regional lead's long-term segregation list: the people of every ICB in their region in long-term
segregation at any time in the report's period, for their report to the national team (s14.4). The list names
people, as the report needs, but links to no one's record: a regional team never sees a person's record."""

from __future__ import annotations

from django.shortcuts import render

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.inpatients import queries
from opendsr.inpatients.views.segregation import as_of_from, download_lts, people_by_icb
from opendsr.policy.rules.admission import LTS_REPORT
from opendsr.web.formatting import timescale

ORDERS = ("icb", "name")  # by ICB, then name (the default); or by name


def _read(request):
    """The period's last day, its form, the chosen order, the rows from the one region-wide read, and the
    period's first and last days."""
    as_of, form = as_of_from(request)
    order = request.GET.get("order") if request.GET.get("order") in ORDERS else ORDERS[0]
    start, end = queries.lts_period(as_of)
    people = access.region_people_in_segregation(request.user, start, end)
    rows = queries.lts_rows(people, as_of, by_icb=order == "icb")
    return as_of, form, order, rows, (start, end)


@requires(Action.VIEW_REGION_LTS)
def region_segregation(request):
    as_of, form, order, rows, (start, end) = _read(request)
    # One audit row in each ICB whose people the list showed (in the user's own ICB when it showed no one), so
    # that every ICB's audit log shows the regional team's view of its people.
    for icb_id, ids in (people_by_icb(rows) or {None: []}).items():
        audit.listed(
            request,
            f"the region's long-term segregation list for every {timescale(LTS_REPORT)}",
            people=ids,
            filters={"as_of": as_of.isoformat(), "order": order},
            icb_id=icb_id,
        )
    icbs = access.icbs_in_region_of(request.user)
    return render(
        request,
        "inpatients/region_segregation.jinja",
        {
            "rows": rows,
            "start": start,
            "end": end,
            "form": form,
            "order": order,
            "icbs": icbs,
            "region": icbs[0].get_region_display() if icbs else "",
            "as_of_query": f"as_of={as_of.isoformat()}",
        },
    )


@requires(Action.VIEW_REGION_LTS)
def region_segregation_export(request, fmt):
    as_of, _form, _order, rows, _period = _read(request)
    return download_lts(
        request,
        fmt,
        rows,
        as_of,
        action="inpatient.region_segregation_exported",
        with_icb=True,
        name="long-term-segregation-region",
    )
