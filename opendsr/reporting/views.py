"""Figures: anonymised counts for the user's ICB (Appendix 9), on a page and as a CSV file."""

from django.shortcuts import render

from opendsr.accounts.access import Action, requires
from opendsr.reporting import queries
from opendsr.web import exports
from opendsr.web.today import today


@requires(Action.VIEW_FIGURES)
def figures_view(request):
    figures = queries.figures_for(request.user, today())
    return render(request, "reporting/figures.jinja", {"figures": figures})


@requires(Action.VIEW_FIGURES)
def figures_export_view(request):
    figures = queries.figures_for(request.user, today())
    return exports.download(
        request,
        fmt=exports.CSV,
        name=f"opendsr-figures-{figures.today.isoformat()}",
        columns=["Measure", "Group or period", "Count"],
        rows=figures.rows(),
        action="figures.exported",
        summary="Downloaded the anonymised figures",
    )
