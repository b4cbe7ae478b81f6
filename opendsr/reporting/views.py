"""Figures: anonymised counts for the user's ICB (Appendix 9), with charts, on a page and as CSV or Excel files."""

from django.http import Http404
from django.shortcuts import render

from opendsr.accounts.access import Action, requires
from opendsr.reporting import queries
from opendsr.reporting.forms import PeriodForm
from opendsr.web import exports
from opendsr.web.today import today


def _figures(request, *, with_charts: bool = True):
    form = PeriodForm(request.GET or None, today=today())
    period_kind, ending, rounded = form.choice()
    icb = request.user.icb
    if icb is None:
        raise Http404("No ICB")
    rule = queries.rule_for(icb, round_to_5=rounded)
    figures = queries.figures_for_icb(
        icb, today(), period_kind=period_kind, ending=ending, rule=rule, with_charts=with_charts
    )
    return form, figures


@requires(Action.VIEW_FIGURES)
def figures_view(request):
    form, figures = _figures(request)
    return render(
        request,
        "reporting/figures.jinja",
        {"form": form, "figures": figures, "query": request.GET.urlencode()},
    )


@requires(Action.VIEW_FIGURES)
def figures_export_view(request, fmt):
    if fmt not in (exports.CSV, exports.EXCEL):
        raise Http404("No such format")
    _form, figures = _figures(request, with_charts=False)
    columns, rows, title = queries.table_rows(figures, request.GET.get("table", ""))
    if columns is None:
        raise Http404("No such table")
    return exports.download(
        request,
        fmt=fmt,
        name=f"opendsr-figures-{figures.period.start:%Y-%m}-{figures.period_kind}",
        sheet_title=title,
        columns=columns,
        rows=rows,
        action="figures.exported",
        summary=f"Downloaded the anonymised figures: {title}",
        detail={"table": request.GET.get("table", ""), "period": figures.period.label},
    )
