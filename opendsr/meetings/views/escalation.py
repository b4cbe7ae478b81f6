"""Pages for escalation to senior managers: the list (the DSR lead's and each manager's own) with its export, one
escalation (acknowledge, what was done, close), and the DSR lead's managers and rules."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import audit
from opendsr.accounts.access import Action, requires
from opendsr.meetings import forms, queries
from opendsr.meetings.services import escalation as services
from opendsr.meetings.views.common import form_page
from opendsr.web import exports
from opendsr.web.forms import show_refusal
from opendsr.web.params import whole_number
from opendsr.web.today import today as get_today

PAGE_SIZE = 50


def _filters(request) -> tuple[forms.EscalationFilterForm, dict]:
    form = forms.EscalationFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    values = {key: chosen.get(key) or "" for key in ("status", "whose", "level", "urgent")}
    if not queries.is_lead(request.user):
        values["whose"] = "mine"
    return form, values


@requires(Action.VIEW_ESCALATIONS)
def escalation_list(request):
    form, values = _filters(request)
    rows = queries.escalations(request.user, **values)
    page = Paginator(rows, PAGE_SIZE).get_page(whole_number(request.GET.get("page"), default=1))
    audit.listed(request, "the escalations", people=[e.person_id for e in page.object_list], filters=values)
    query = "&".join(f"{key}={value}" for key, value in values.items() if value)
    return render(
        request,
        "meetings/escalations.jinja",
        {
            "form": form,
            "page": page,
            "count": page.paginator.count,
            "is_lead": queries.is_lead(request.user),
            "query": query,
            "today": get_today(),
            "managing": queries.my_manager_roles(request.user).exists(),
        },
    )


@requires(Action.VIEW_ESCALATIONS)
def escalation_export(request, fmt):
    _form, values = _filters(request)
    rows = list(queries.escalations(request.user, **values))
    return exports.download(
        request,
        fmt=fmt,
        name=f"escalations-{get_today():%Y-%m-%d}",
        columns=[
            "Person",
            "NHS number",
            "Reason",
            "Urgent",
            "With",
            "Level",
            "Raised on",
            "Acknowledge by",
            "Status",
            "Acknowledged on",
            "What was done",
            "Closed on",
        ],
        rows=[
            [
                e.person.full_name,
                e.person.nhs_number,
                e.reason,
                "Yes" if e.urgent else "No",
                e.manager.user.display_name,
                e.manager.title,
                e.raised_on,
                e.acknowledge_by,
                e.get_status_display(),
                e.acknowledged_on,
                e.action_taken,
                e.closed_on,
            ]
            for e in rows
        ],
        action="escalations.exported",
        summary=f"Exported {len(rows)} escalations",
        people=[e.person_id for e in rows],
        sheet_title="Escalations",
    )


@requires(Action.VIEW_ESCALATIONS)
@require_http_methods(["GET", "POST"])
def escalation_page(request, escalation_pk):
    escalation = queries.escalation_for(request.user, escalation_pk)
    audit.shows(request, escalation.person)
    may_act = services.may_act_on(request.user, escalation)
    form = forms.ProgressForm(
        request.POST if request.POST.get("step") == "progress" else None,
        initial={"action_taken": escalation.action_taken},
    )
    if request.method == "POST":
        if not may_act:
            raise PermissionDenied
        step = request.POST.get("step")
        try:
            if step == "acknowledge":
                services.acknowledge(escalation=escalation, by=request.user, request=request)
                messages.success(request, "The escalation is acknowledged.")
                return redirect("escalations:detail", escalation.pk)
            if step == "progress" and form.is_valid():
                services.record_progress(
                    escalation=escalation, by=request.user, request=request, **form.cleaned_data
                )
                messages.success(
                    request,
                    "The escalation is closed." if form.cleaned_data["close"] else "What was done is saved.",
                )
                return redirect("escalations:detail", escalation.pk)
        except ValidationError as error:
            if step == "progress":
                show_refusal(form, error)
            else:
                messages.error(request, " ".join(error.messages))
                return redirect("escalations:detail", escalation.pk)
    return render(
        request,
        "meetings/escalation.jinja",
        {
            "escalation": escalation,
            "steps": list(escalation.steps.select_related("manager__user")),
            "form": form,
            "may_act": may_act,
            "today": get_today(),
        },
    )


@requires(Action.VIEW_ESCALATIONS)
@require_http_methods(["GET", "POST"])
def email_choice(request):
    roles = list(queries.my_manager_roles(request.user))
    form = forms.EmailChoiceForm(
        request.POST or None, initial={"urgent_only": all(r.urgent_only for r in roles) if roles else False}
    )

    def save(data):
        if not roles:
            raise ValidationError(
                "You are not named as a senior manager, so no escalations are emailed to you"
            )
        for role in roles:
            services.save_email_choice(manager=role, by=request.user, request=request, **data)

    return form_page(
        request,
        form=form,
        heading="Escalation emails",
        lead="Each night OpenDSR emails you the escalations that reached you, with initials and a link only.",
        call=save,
        success="Your choice is saved.",
        redirect_to=reverse("escalations:list"),
        back=reverse("escalations:list"),
    )


# -------------------------------------------------------------------------------- managers and rules


@requires(Action.MANAGE_SETTINGS)
def setup_page(request):
    return render(
        request,
        "meetings/escalation_setup.jinja",
        {"managers": list(queries.managers(request.user)), "rules": list(queries.rules(request.user))},
    )


def _manager_page(request, manager=None):
    initial = (
        {
            "user": manager.user_id,
            "organisation": manager.organisation_id,
            "level": manager.level,
            "title": manager.title,
            "urgent_only": manager.urgent_only,
            "active": manager.active,
        }
        if manager
        else {"level": 1, "active": True, "organisation": request.user.icb_id}
    )
    form = forms.ManagerForm(
        request.POST or None,
        initial=initial,
        users=queries.possible_managers(request.user),
        organisations=queries.manager_organisations(request.user),
    )
    return form_page(
        request,
        form=form,
        heading="Change a senior manager" if manager else "Add a senior manager",
        lead="Escalations go first to level 1 of the ICB or of the person's local authority, and move up a level "
        "when nobody acknowledges them in time.",
        call=lambda data: services.save_manager(
            icb=request.user.icb, by=request.user, manager=manager, request=request, **data
        ),
        success=lambda saved: f"{saved} is saved.",
        redirect_to=reverse("escalations:setup"),
        back=reverse("escalations:setup"),
    )


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def manager_add(request):
    return _manager_page(request)


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def manager_edit(request, seniormanager_pk):
    return _manager_page(request, queries.manager_for(request.user, seniormanager_pk))


def _rule_page(request, rule=None):
    initial = (
        {
            "kind": rule.kind,
            "days": rule.days,
            "line": rule.line,
            "urgent": rule.urgent,
            "acknowledge_within": rule.acknowledge_within,
            "active": rule.active,
        }
        if rule
        else {"days": 14, "line": "health", "acknowledge_within": 2, "active": True}
    )
    form = forms.RuleForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        heading="Change an escalation rule" if rule else "Add an escalation rule",
        lead="Each night OpenDSR reads the register and the policy's due dates against these rules and raises an "
        "escalation for anything new that matches.",
        call=lambda data: services.save_rule(
            icb=request.user.icb, by=request.user, rule=rule, request=request, **data
        ),
        success="The rule is saved.",
        redirect_to=reverse("escalations:setup"),
        back=reverse("escalations:setup"),
    )


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def rule_add(request):
    return _rule_page(request)


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def rule_edit(request, escalationrule_pk):
    return _rule_page(request, queries.rule_for(request.user, escalationrule_pk))
