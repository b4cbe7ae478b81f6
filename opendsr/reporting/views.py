"""Figures: anonymised counts for the user's ICB (Appendix 9), with charts, on a page and as CSV or Excel files."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.reporting import extract, kept, queries, regional, services, snapshots
from opendsr.reporting.forms import PeriodForm, SmallNumbersForm
from opendsr.reporting.models import MonthlyReturn, SmallNumbers
from opendsr.web import exports
from opendsr.web.today import today as get_today


def _figures(request, *, with_charts: bool = True):
    form = PeriodForm(request.GET or None, today=get_today())
    period_kind, ending, rounded = form.choice()
    icb = request.user.icb
    if icb is None:
        raise Http404("No ICB")
    rule = queries.rule_for(icb, round_to_5=rounded)
    figures = kept.figures_for_icb(
        icb, get_today(), period_kind=period_kind, ending=ending, rule=rule, with_charts=with_charts
    )
    return form, figures


def _exports(name: str, *args) -> dict:
    return {fmt: reverse(name, args=[*args, fmt]) for fmt in (exports.CSV, exports.EXCEL)}


@requires(Action.VIEW_FIGURES)
def figures_view(request):
    form, figures = _figures(request)
    return render(
        request,
        "reporting/figures.jinja",
        {
            "form": form,
            "figures": figures,
            "query": request.GET.urlencode(),
            "exports": _exports("reporting:export"),
        },
    )


@requires(Action.VIEW_FIGURES)
def figures_export_view(request, fmt):
    if fmt not in (exports.CSV, exports.EXCEL):
        raise Http404("No such format")
    _form, figures = _figures(request, with_charts=False)
    return _table_download(
        request,
        fmt,
        figures,
        name=f"opendsr-figures-{figures.period.start:%Y-%m}-{figures.period_kind}",
        summary="Downloaded the anonymised figures",
        detail={"period": figures.period.label},
    )


def _table_download(request, fmt, figures, *, name: str, summary: str, detail: dict):
    """One table of the figures (the `table` query parameter) as a CSV or Excel file, its title after `summary`
    in the audit row."""
    table = request.GET.get("table", "")
    columns, rows, title = queries.table_rows(figures, table)
    if columns is None:
        raise Http404("No such table")
    return exports.download(
        request,
        fmt=fmt,
        name=name,
        sheet_title=title,
        columns=columns,
        rows=rows,
        action="figures.exported",
        summary=f"{summary}: {title}",
        detail={"table": table, **detail},
    )


def _regional(request):
    form = PeriodForm(request.GET or None, today=get_today())
    period_kind, ending, rounded = form.choice()
    figures = regional.regional_figures(
        request.user,
        get_today(),
        period_kind=period_kind,
        ending=ending,
        round_to_5=rounded,
        figures_for=kept.figures_for_icb,
    )
    return form, figures


@requires(Action.VIEW_REGION_FIGURES)
def region_view(request):
    form, side_by_side = _regional(request)
    return render(
        request,
        "reporting/region.jinja",
        {"form": form, "regional": side_by_side, "query": request.GET.urlencode()},
    )


@requires(Action.VIEW_REGION_FIGURES)
def region_export_view(request, fmt):
    if fmt not in (exports.CSV, exports.EXCEL):
        raise Http404("No such format")
    _form, side_by_side = _regional(request)
    columns, rows = side_by_side.download()
    return exports.download(
        request,
        fmt=fmt,
        name=f"opendsr-regional-figures-{side_by_side.period.start:%Y-%m}",
        sheet_title="Regional figures",
        columns=columns,
        rows=rows,
        action="figures.exported",
        summary=f"Downloaded the anonymised regional figures for {side_by_side.period.label}",
        detail={"period": side_by_side.period.label, "icbs": [icb.pk for icb in side_by_side.icbs]},
    )


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def settings_view(request):
    icb = request.user.icb
    setting = SmallNumbers.objects.filter(icb=icb).first() or SmallNumbers(icb=icb)
    form = SmallNumbersForm(
        request.POST or None,
        initial={"threshold": setting.threshold, "round_to_5": setting.round_to_5, "region": icb.region},
    )
    if request.method == "POST" and form.is_valid():
        services.update_small_numbers(by=request.user, request=request, **form.cleaned_data)
        messages.success(request, "The small-numbers settings are saved.")
        return redirect("reporting:figures")
    return render(request, "reporting/settings.jinja", {"form": form, "icb": icb})


@requires(Action.EXPORT_REGISTER)
def inpatients_export_view(request, fmt):
    """The Assuring Transformation-aligned extract: pseudonymised, unless the user may and does ask for names."""
    if fmt not in (exports.CSV, exports.EXCEL):
        raise Http404("No such format")
    identifiable = request.GET.get("identifiable") == "1" and extract.may_identify(request.user)
    columns, rows, people = extract.inpatient_rows(request.user, get_today(), identifiable=identifiable)
    return exports.download(
        request,
        fmt=fmt,
        name=f"opendsr-inpatients-{get_today():%Y-%m-%d}",
        sheet_title="Inpatients",
        columns=columns,
        rows=rows,
        action="inpatients.exported",
        summary=f"Downloaded the inpatient extract ({'with names' if identifiable else 'pseudonymised'}) of "
        f"{len(rows)} {'person' if len(rows) == 1 else 'people'}",
        people=people,
        detail={"identifiable": identifiable},
    )


# ------------------------------------------------------------------------------------------ monthly returns


@requires(Action.VIEW_FIGURES)
def returns_view(request):
    kept_returns = MonthlyReturn.objects.filter(icb=request.user.icb).only("pk", "month", "built_on")
    return render(request, "reporting/returns.jinja", {"returns": list(kept_returns)})


def _kept(request, monthlyreturn_pk):
    monthly = get_object_or_404(MonthlyReturn, pk=monthlyreturn_pk, icb=request.user.icb)
    return monthly, snapshots.from_json(monthly.figures)


@requires(Action.VIEW_FIGURES)
def return_view(request, monthlyreturn_pk):
    monthly, figures = _kept(request, monthlyreturn_pk)
    queries.add_charts(figures)
    return render(
        request,
        "reporting/return.jinja",
        {
            "kept": monthly,
            "emails": queries.emails_for(monthly),
            "figures": figures,
            "query": "",
            "exports": _exports("reporting:return_export", monthly.pk),
        },
    )


@requires(Action.VIEW_FIGURES)
def return_export_view(request, monthlyreturn_pk, fmt):
    if fmt not in (exports.CSV, exports.EXCEL):
        raise Http404("No such format")
    monthly, figures = _kept(request, monthlyreturn_pk)
    return _table_download(
        request,
        fmt,
        figures,
        name=f"opendsr-return-{monthly.month:%Y-%m}",
        summary=f"Downloaded the monthly return for {monthly.month:%B %Y}",
        detail={"return": monthly.pk},
    )
