"""Pages for the panel directory, payments to panel members, the review settings and key lines of enquiry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.policy import dates
from opendsr.reviews import forms, kloe, queries, rules
from opendsr.reviews.models import (
    KloePopulation,
    KloeSetting,
    PanelMember,
    PanelRole,
    PanelSeat,
    Question,
    Specialism,
)
from opendsr.reviews.services.directory import (
    record_payment,
    save_kloe_template,
    save_panel_member,
    update_settings,
)
from opendsr.reviews.views.common import _form_page, _pk, _review, _scoped
from opendsr.web import exports
from opendsr.web.params import query_without_page
from opendsr.web.today import today as get_today


@requires(Action.MANAGE_PANEL_DIRECTORY)
def directory(request):
    members = PanelMember.objects.filter(icb=request.user.icb)
    role = request.GET.get("role", "")
    if role in PanelRole.values:
        members = members.filter(role=role)
    show = request.GET.get("show", "active")
    if show == "active":
        members = members.filter(active=True)
    specialism = request.GET.get("specialism", "")
    if specialism in Specialism.values:
        members = members.filter(specialisms__icontains=f'"{specialism}"')
    training_filter = request.GET.get("training", "")
    current = queries.settings_for(request.user.icb)
    today = get_today()
    rows = []
    for member in members:
        state, training = rules.training_status(
            queries.member_facts(member), today, current.training_valid_months
        )
        if training_filter in ("current", "expired", "missing") and state != training_filter:
            continue
        rows.append({"member": member, "training": training})
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/directory.jinja",
        {
            "page": page,
            "rows": page.object_list,
            "count": len(rows),
            "role": role,
            "show": show,
            "roles": PanelRole.choices,
            "query": query_without_page(request),
        },
    )


def _member_form(request, member=None):
    initial = {}
    if member is not None:
        initial = {n: getattr(member, n) for n in forms.PanelMemberForm.base_fields if n != "photo"}
    form = forms.PanelMemberForm(
        request.POST or None, request.FILES or None, initial=initial or {"active": True}
    )
    return _form_page(
        request,
        form=form,
        heading=f"Change {member.name}'s details" if member else "Add a panel member",
        caption="Panel-member directory",
        call=lambda data: save_panel_member(
            icb=request.user.icb,
            by=request.user,
            member=member,
            request=request,
            **{k: v for k, v in data.items() if k != "photo" or v},
        ),
        success="The panel member is saved.",
        redirect_to=reverse("reviews:directory"),
        back=reverse("reviews:directory"),
    )


@requires(Action.MANAGE_PANEL_DIRECTORY)
@require_http_methods(["GET", "POST"])
def directory_new(request):
    return _member_form(request)


@requires(Action.MANAGE_PANEL_DIRECTORY)
@require_http_methods(["GET", "POST"])
def directory_edit(request, panelmember_pk):
    member = PanelMember.objects.filter(icb=request.user.icb, pk=_pk(panelmember_pk)).first()
    if member is None:
        raise Http404("No such panel member")
    return _member_form(request, member)


def _month(value: str | None) -> dt.date:
    """The month asked for, from 1900 to 10 years ahead; this month for anything else."""
    this_month = get_today().replace(day=1)
    try:
        month = dt.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return this_month
    return month if dates.EARLIEST <= month <= dates.latest_planned(this_month) else this_month


@requires(Action.VIEW_PAYMENTS)
def payments(request):
    month = _month(request.GET.get("month"))
    seats = queries.payments(request.user, month)
    total = sum((s.fee + s.expenses for s in seats), start=0)
    if request.GET.get("download") == "xlsx":
        return _payments_excel(request, month, seats)
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "reviews/payments.jinja",
        {"month": month, "seats": seats, "total": total, "previous": previous, "following": following},
    )


def _initials(person) -> str:
    return f"{person.given_name[:1]}{person.family_name[:1]}".upper()


PAYMENT_COLUMNS = [
    "Panel member",
    "Role",
    "Review date",
    "Person (initials)",
    "Fee",
    "Expenses",
    "Expenses for",
    "Total",
    "Paid on",
]


def _payments_excel(request, month, seats):
    rows = [
        [
            s.member.name,
            s.get_role_display(),
            s.review.held_on,
            _initials(s.review.person),
            s.fee,
            s.expenses,
            s.expenses_note,
            s.fee + s.expenses,
            s.paid_on,
        ]
        for s in seats
    ]
    fees, expenses = (
        sum((s.fee for s in seats), start=Decimal(0)),
        sum((s.expenses for s in seats), start=Decimal(0)),
    )
    rows.append(["Total", "", "", "", fees, expenses, "", fees + expenses, None])
    return exports.download(
        request,
        fmt=exports.EXCEL,
        name=f"panel-payments-{month:%Y-%m}",
        sheet_title=f"{month:%B %Y}",
        columns=PAYMENT_COLUMNS,
        rows=rows,
        action="payments.exported",
        summary=f"Downloaded the panel payments for {month:%B %Y}",
        people=[s.review.person_id for s in seats],
    )


@requires(Action.VIEW_PAYMENTS)
@require_http_methods(["GET", "POST"])
def seat_payment(request, panelseat_pk):
    seat = _scoped(PanelSeat, request, panelseat_pk)
    review = _review(request, seat.review_id, Action.VIEW_PAYMENTS)
    form = forms.PaymentForm(
        request.POST or None,
        initial={
            "fee": seat.fee,
            "expenses": seat.expenses,
            "expenses_note": seat.expenses_note,
            "paid_on": seat.paid_on,
        },
    )
    back = reverse("reviews:payments") + (f"?month={review.held_on:%Y-%m}" if review.held_on else "")
    return _form_page(
        request,
        review=review,
        form=form,
        heading=f"Payment for {seat.member.name}",
        caption=f"{seat.get_role_display()}, review on {review.held_on or review.scheduled_for:%-d %B %Y}"
        if (review.held_on or review.scheduled_for)
        else seat.get_role_display(),
        call=lambda data: record_payment(seat=seat, by=request.user, request=request, **data),
        success="The payment is saved.",
        redirect_to=back,
        back=back,
    )


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def settings_page(request):
    current = queries.settings_for(request.user.icb)
    form = forms.SettingsForm(
        request.POST or None, initial={n: getattr(current, n) for n in forms.SettingsForm.base_fields}
    )
    return _form_page(
        request,
        form=form,
        heading="C(E)TR fees and settings",
        caption="Administration",
        lead="Appendix 11 suggests £250 for an expert by experience and £350 for a clinical expert for each review.",
        call=lambda data: update_settings(icb=request.user.icb, by=request.user, request=request, **data),
        success="The settings are saved.",
        redirect_to=reverse("reviews:settings"),
        back=reverse("web:admin_home"),
    )


@requires(Action.MANAGE_SETTINGS)
def kloe_templates(request):
    rows = []
    for setting in KloeSetting:
        for population in KloePopulation:
            template = kloe.current_template(request.user.icb, setting, population)
            rows.append(
                {
                    "setting": setting,
                    "population": population,
                    "template": template,
                    "slug": kloe.set_slug(setting, population),
                }
            )
    return render(request, "reviews/kloe_templates.jinja", {"rows": rows})


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def kloe_template(request, kloe_set):
    parsed = kloe.parse_set_slug(kloe_set)
    if parsed is None:
        raise Http404("No such template")
    template = kloe.current_template(request.user.icb, *parsed)
    questions = list(Question)
    form = forms.KloeForm(
        request.POST or None,
        questions=questions,
        initial={q.value: "\n".join(template.prompts.get(q.value, [])) for q in questions},
    )
    return _form_page(
        request,
        form=form,
        heading=f"Key lines of enquiry: {KloeSetting(parsed[0]).label.lower()}, {KloePopulation(parsed[1]).label.lower()}",
        caption="Administration",
        lead="Saving makes a new version. Reviews already recorded keep the version they used.",
        call=lambda data: save_kloe_template(
            icb=request.user.icb,
            by=request.user,
            setting=parsed[0],
            population=parsed[1],
            prompts={
                q: [line.strip() for line in (text or "").splitlines() if line.strip()]
                for q, text in data.items()
            },
            request=request,
        ),
        success="The key lines of enquiry are saved as a new version.",
        redirect_to=reverse("reviews:kloe_templates"),
        back=reverse("reviews:kloe_templates"),
    )
