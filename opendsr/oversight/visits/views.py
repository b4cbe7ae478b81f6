"""Pages: recording and correcting a commissioner oversight visit, its actions, a person's visits, the ICB's
visit schedule, and recording an escalation request or a complaint. Each view checks access, calls a service or
a query, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.oversight.visits import forms, queries, services
from opendsr.oversight.visits.models import Complaint, OversightVisit, VisitAction
from opendsr.oversight.visits.rules import APPENDIX_4, SIT_AND_SEE_MINUTES, length_in_words, short_sit_and_see
from opendsr.web import exports
from opendsr.web.form_pages import form_page, submit
from opendsr.web.formatting import nhs_date, nhs_number
from opendsr.web.jinja import url_or_none
from opendsr.web.params import whole_number
from opendsr.web.today import today as get_today

PAGE_SIZE = 50


def _person_page(person) -> str:
    return url_or_none("register:detail", person.pk) or reverse("oversight:timeline", args=[person.pk])


def _scoped(model, request, pk):
    """A record about a person this user may see, or 404."""
    row = (
        model.objects.filter(
            person__in=access.people_for(request.user).values("pk"), pk=whole_number(pk, default=0)
        )
        .select_related("person")
        .first()
    )
    if row is None:
        raise Http404("Not found")
    audit.shows(request, row.person)
    return row


def _schedule_context(request, person) -> dict:
    today = get_today()
    return {
        "schedule": queries.schedule_for(person, today),
        "today": today,
        "record_visit_url": access.link(request.user, "oversight:visit_new", person.pk),
    }


def _form_page(
    request, *, person, form, heading, call, success, redirect_to, lead="", submit="Save", back=None
):
    """A short form about a person: save through the service, or show its refusal with what was typed."""
    return form_page(
        request,
        form,
        template="oversight/visits/form.jinja",
        call=call,
        success=success,
        redirect_to=redirect_to,
        context={
            "person": person,
            "heading": heading,
            "lead": lead,
            "submit": submit,
            "back": back or _person_page(person),
        },
    )


# ------------------------------------------------------------------------------------------- visits


def _visit_page(request, *, person, form, visit=None):
    return render(
        request,
        "oversight/visits/visit_form.jinja",
        {
            "person": person,
            "form": form,
            "visit": visit,
            "appendix_4": APPENDIX_4,
            "back": reverse("oversight:visit", args=[visit.pk]) if visit else _person_page(person),
            **_schedule_context(request, person),
        },
    )


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def visit_new_view(request, pk):
    person = access.person_for(request.user, pk, Action.RECORD_EVENT)
    initial = {"sit_and_see": True} if request.GET.get("sit_and_see") == "yes" else {}
    form = forms.VisitForm(request.POST if request.method == "POST" else None, initial=initial)
    done = submit(
        request,
        form,
        lambda _data: services.record_visit(
            person=person, by=request.user, request=request, **form.visit_values()
        ),
        success=lambda visit: (
            f"The {'sit-and-see visit' if visit.sit_and_see else 'oversight visit'} to {person.full_name} on "
            f"{nhs_date(visit.visited_on)} is recorded."
        ),
        redirect_to=lambda visit: reverse("oversight:visit", args=[visit.pk]),
    )
    if done:
        return done
    return _visit_page(request, person=person, form=form)


@requires(Action.RECORD_EVENT)
@require_http_methods(["GET", "POST"])
def visit_edit_view(request, oversightvisit_pk):
    visit = _scoped(OversightVisit, request, oversightvisit_pk)
    form = forms.VisitForm(
        request.POST if request.method == "POST" else None, initial=forms.VisitForm.initial_from(visit)
    )
    done = submit(
        request,
        form,
        lambda _data: services.update_visit(
            visit=visit, by=request.user, request=request, **form.visit_values()
        ),
        success=lambda _result: f"The visit on {nhs_date(visit.visited_on)} is updated.",
        redirect_to=reverse("oversight:visit", args=[visit.pk]),
    )
    if done:
        return done
    return _visit_page(request, person=visit.person, form=form, visit=visit)


@requires(Action.VIEW_RECORD)
def visit_view(request, oversightvisit_pk):
    visit = _scoped(OversightVisit, request, oversightvisit_pk)
    user = request.user
    return render(
        request,
        "oversight/visits/visit.jinja",
        {
            "visit": visit,
            "person": visit.person,
            "notes": [(heading, getattr(visit, name)) for name, heading, _prompts in APPENDIX_4],
            "length": length_in_words(visit.length_minutes),
            "short": short_sit_and_see(sit_and_see=visit.sit_and_see, minutes=visit.length_minutes),
            "minimum": length_in_words(SIT_AND_SEE_MINUTES),
            "actions": list(visit.actions.select_related("owner")),
            "edit_url": access.link(user, "oversight:visit_edit", visit.pk),
            "add_action_url": access.link(user, "oversight:visit_action_new", visit.pk),
            "visits_url": access.link(user, "oversight:person_visits", visit.person_id),
            "person_url": _person_page(visit.person),
            **_schedule_context(request, visit.person),
        },
    )


@requires(Action.VIEW_RECORD, person_kwarg="pk")
def person_visits_view(request, pk):
    person = access.person_for(request.user, pk, Action.VIEW_RECORD)
    return render(
        request,
        "oversight/visits/person_visits.jinja",
        {
            "person": person,
            "visits": queries.visits_of(person),
            "actions": queries.open_actions_of(person),
            "person_url": _person_page(person),
            **_schedule_context(request, person),
        },
    )


# ------------------------------------------------------------------------------------------- actions


@requires(Action.RECORD_EVENT)
@require_http_methods(["GET", "POST"])
def visit_action_new_view(request, oversightvisit_pk):
    visit = _scoped(OversightVisit, request, oversightvisit_pk)
    owners = services.owners_for(visit.person)
    mine = owners.filter(pk=request.user.pk).first()  # the one recording it, until they choose someone else
    form = forms.VisitActionForm(
        request.POST if request.method == "POST" else None, owners=owners, initial={"owner": mine}
    )
    return _form_page(
        request,
        person=visit.person,
        form=form,
        heading="Add an action from the visit",
        lead=f"From the visit on {nhs_date(visit.visited_on)}. The action is in its owner's My work until it is "
        "closed.",
        call=lambda data: services.add_visit_action(visit=visit, by=request.user, request=request, **data),
        success="The action is added. It is in its owner's My work.",
        redirect_to=reverse("oversight:visit", args=[visit.pk]),
        submit="Add the action",
        back=reverse("oversight:visit", args=[visit.pk]),
    )


@requires(Action.RECORD_EVENT)
@require_http_methods(["GET", "POST"])
def visit_action_view(request, visitaction_pk):
    action = _scoped(VisitAction, request, visitaction_pk)
    form = forms.VisitActionUpdateForm(
        request.POST if request.method == "POST" else None,
        initial={"status": action.status, "closed_on": action.closed_on, "outcome_note": action.outcome_note},
    )
    return _form_page(
        request,
        person=action.person,
        form=form,
        heading="Update an action from a visit",
        lead=f"{action.text} (owner: {action.owner.display_name}; due {nhs_date(action.due)})",
        call=lambda data: services.update_visit_action(
            action=action, by=request.user, request=request, **data
        ),
        success="The action is updated.",
        redirect_to=reverse("oversight:visit", args=[action.visit_id]),
        back=reverse("oversight:visit", args=[action.visit_id]),
    )


# ------------------------------------------------------------------------------------------- the schedule

SCHEDULE_COLUMNS = [
    "Name",
    "NHS number",
    "Next oversight visit due",
    "Visit status",
    "Last visit",
    "Planned C(E)TR without a sit-and-see visit",
]


def _schedule_rows(request):
    form = forms.ScheduleFilterForm(request.GET or None)
    show = form.chosen()
    return form, show, queries.icb_schedule(access.people_for(request.user), get_today(), show)


@requires(Action.VIEW_WORK)
def schedule_view(request):
    form, show, rows = _schedule_rows(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        "the oversight visit schedule",
        people=[row.person for row in page.object_list],
        filters={"show": show, "page": page.number},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "oversight/visits/schedule.jinja",
        {
            "form": form,
            "show": show,
            "page": page,
            "count": len(rows),
            "query": query.urlencode(),
            "today": get_today(),
        },
    )


@requires(Action.VIEW_WORK)
def schedule_export_view(request, fmt):
    if fmt not in (exports.CSV, exports.EXCEL):
        raise Http404("No such format")
    _form, show, rows = _schedule_rows(request)
    return exports.download(
        request,
        fmt=fmt,
        name=f"oversight-visits-{get_today().isoformat()}",
        sheet_title="Oversight visits",
        columns=SCHEDULE_COLUMNS,
        rows=[
            [
                row.person.full_name,
                nhs_number(row.person.nhs_number, ""),
                row.next_visit.due if row.next_visit else None,
                row.next_visit.status if row.next_visit else "",
                row.last_visit_on,
                row.sit_and_see_needed.due if row.sit_and_see_needed else None,
            ]
            for row in rows
        ],
        action="visit_schedule.exported",
        summary=f"Exported the oversight visit schedule ({len(rows)} {'person' if len(rows) == 1 else 'people'})",
        people=[row.person.pk for row in rows],
    )


# ------------------------------------------------------------------------------------------- escalation, complaints


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def escalation_new_view(request, pk):
    person = access.person_for(request.user, pk, Action.RECORD_EVENT)
    form = forms.EscalationForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        person=person,
        form=form,
        heading="Record a request to escalate to the ICS oversight panel",
        lead="The person, their family, their responsible clinician, their commissioner or their advocate may ask "
        f"the integrated care system (ICS) oversight panel to look at {person.given_name}'s care (section 18). "
        "Recording the request puts them on the panel's agenda.",
        call=lambda data: services.record_escalation(person=person, by=request.user, request=request, **data),
        success=f"The request is recorded. {person.full_name} is on the ICS oversight panel's agenda.",
        redirect_to=_person_page(person),
        submit="Record the request",
    )


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def complaint_new_view(request, pk):
    person = access.person_for(request.user, pk, Action.RECORD_EVENT)
    form = forms.ComplaintForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        person=person,
        form=form,
        heading="Record a complaint about their care",
        lead=f"Until the complaint is resolved to the satisfaction of all involved, {person.given_name} stays on the "
        "integrated care system (ICS) oversight panel's agenda (section 18).",
        call=lambda data: services.record_complaint(person=person, by=request.user, request=request, **data),
        success=f"The complaint is recorded. {person.full_name} is on the ICS oversight panel's agenda until it is "
        "resolved.",
        redirect_to=_person_page(person),
        submit="Record the complaint",
    )


@requires(Action.RECORD_EVENT)
@require_http_methods(["GET", "POST"])
def complaint_resolve_view(request, complaint_pk):
    complaint = _scoped(Complaint, request, complaint_pk)
    person = complaint.person
    if complaint.resolved_on is not None:
        messages.info(request, f"This complaint was resolved on {nhs_date(complaint.resolved_on)}.")
        return redirect(_person_page(person))
    form = forms.ResolveComplaintForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        person=person,
        form=form,
        heading="Mark the complaint resolved",
        lead=f"The complaint from {complaint.made_by} on {nhs_date(complaint.made_on)}: {complaint.summary}",
        call=lambda data: services.resolve_complaint(
            complaint=complaint, by=request.user, request=request, **data
        ),
        success="The complaint is marked resolved.",
        redirect_to=_person_page(person),
        submit="Mark it resolved",
    )
