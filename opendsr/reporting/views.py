"""Figures: anonymised counts for the user's ICB (Appendix 9), on a page and as a CSV file."""

import csv

from django.http import HttpResponse
from django.shortcuts import render

from opendsr.accounts import audit
from opendsr.accounts.access import Action, requires
from opendsr.reporting import queries
from opendsr.web.today import today


@requires(Action.VIEW_FIGURES)
def figures_view(request):
    figures = queries.figures_for(request.user, today())
    return render(request, "reporting/figures.jinja", {"figures": figures})


@requires(Action.VIEW_FIGURES)
def figures_export_view(request):
    figures = queries.figures_for(request.user, today())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="opendsr-figures-{figures.today.isoformat()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["Measure", "Group or period", "Count"])
    writer.writerows(figures.rows())
    audit.record(request, "figures.exported", summary="Downloaded the anonymised figures")
    return response
