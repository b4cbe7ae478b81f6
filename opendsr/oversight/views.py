"""Pages: recording and voiding timeline events, "My work", the ICB overview, the oversight panel cohort, and
reminder settings. Each view checks access, calls a service or a query, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.inpatients import queries as inpatient_queries
from opendsr.oversight import panel_list, services, work_queue
from opendsr.oversight.forms import EventForm, EventTypeForm, ReminderSettingsForm, VoidForm, WorkFilterForm
from opendsr.oversight.ics_panel import queries as panel_queries
from opendsr.oversight.panels import context_for
from opendsr.policy import EventType
from opendsr.web import exports
from opendsr.web.formatting import nhs_date, nhs_number
from opendsr.web.jinja import url_or_none
from opendsr.web.labels import EVENT_GROUPS, RECORDABLE_TYPES, REVIEW_TYPES, event_label
from opendsr.web.params import query_without_page
from opendsr.web.today import today as get_today

PAGE_SIZE = 50


def person_page_url(person) -> str:
    return url_or_none("register:detail", person.pk) or url_or_none("oversight:timeline", person.pk)


# ------------------------------------------------------------------------------------------- timeline


def _reviews_page(person) -> str | None:
    return url_or_none("reviews:new", person.pk)


# Admissions, moves and discharges are recorded on the inpatient record, which writes their events.
INPATIENT_TYPES = (EventType.ADMITTED, EventType.TRANSFERRED, EventType.DISCHARGED)


def _laep_page(person) -> str | None:
    return url_or_none("reviews:laep_new", person.pk)


def _recordable_types(person) -> list[str]:
    """C(E)TRs and LAEP meetings are recorded in the reviews app, admissions on the inpatient record, and
    oversight visits on the visit form with what the visitor saw; the rest here."""
    types = [t for t in RECORDABLE_TYPES if t != EventType.OVERSIGHT_VISIT and t not in INPATIENT_TYPES]
    if _reviews_page(person):
        types = [t for t in types if t not in REVIEW_TYPES]
    if _laep_page(person):
        types = [t for t in types if t != EventType.LAEP_HELD]
    return types


def _inpatient_page(person, chosen: str) -> str:
    """Where an admission, a move or a discharge is recorded: the inpatient record's own form."""
    admission = inpatient_queries.current_admission(person)
    if admission is None:
        if chosen == EventType.ADMITTED or not inpatient_queries.unrecorded_admission(person):
            return reverse("inpatients:admit", args=[person.pk])
        return reverse("inpatients:record", args=[person.pk])
    if chosen == EventType.TRANSFERRED:
        return reverse("inpatients:transfer", args=[person.pk, admission.pk])
    if chosen == EventType.DISCHARGED:
        return reverse("inpatients:discharge", args=[person.pk, admission.pk])
    return reverse("inpatients:record", args=[person.pk])


def _elsewhere_links(user, person) -> list[dict]:
    """Events another record owns, entered there and linked from here (only the pages this user may open)."""
    links = [
        ("A referral", access.link(user, "referrals:new")),
        ("A rating decision", access.link(user, "register:rate", person.pk)),
        (
            "Consent given, checked or withdrawn",
            access.link(user, "register:consent", person.pk)
            or access.link(user, "register:consent_check", person.pk),
        ),
        (
            "An admission to hospital, a move to another hospital or ward, or a discharge",
            access.link(user, "inpatients:record", person.pk),
        ),
        (
            "A Care (Education) and Treatment Review (C(E)TR), declined, held or its report sent",
            access.link(user, "reviews:new", person.pk),
        ),
        (
            "A commissioner oversight visit, including a sit-and-see observation",
            access.link(user, "oversight:visit_new", person.pk),
        ),
        (
            "A request to escalate to the ICS oversight panel",
            access.link(user, "oversight:escalation_new", person.pk),
        ),
        ("A complaint about their care", access.link(user, "oversight:complaint_new", person.pk)),
        ("A local area emergency protocol (LAEP) meeting", access.link(user, "reviews:laep_new", person.pk)),
    ]
    return [{"text": text, "href": href} for text, href in links if href]


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def record_event_view(request, pk):
    person = access.person_for(request.user, pk, Action.RECORD_EVENT)
    types = _recordable_types(person)
    chosen = request.POST.get("type") or request.GET.get("type") or ""
    if chosen in REVIEW_TYPES and _reviews_page(person):
        return redirect(_reviews_page(person))
    if chosen == EventType.OVERSIGHT_VISIT:
        return redirect("oversight:visit_new", pk=person.pk)
    if chosen in INPATIENT_TYPES:
        return redirect(_inpatient_page(person, chosen))
    if chosen == EventType.LAEP_HELD and _laep_page(person):
        return redirect(_laep_page(person))  # the meeting is recorded in full, which writes the event
    if chosen not in types:
        type_form = EventTypeForm(request.GET if "choose" in request.GET else None, types=types)
        if type_form.is_bound:
            type_form.is_valid()
        selected = type_form["type"].value()
        groups = [
            {
                "title": title,
                "items": [
                    {"value": t, "text": event_label(t), "checked": t == selected}
                    for t in group
                    if t in types
                ],
            }
            for title, group in EVENT_GROUPS
        ]
        return render(
            request,
            "oversight/event_type.jinja",
            {
                "person": person,
                "form": type_form,
                "groups": [group for group in groups if group["items"]],
                "elsewhere": _elsewhere_links(request.user, person),
                "back_url": person_page_url(person),
            },
        )
    initial = {"kind": request.GET.get("kind")} if chosen == EventType.CETR_HELD else {}
    form = EventForm(request.POST if request.method == "POST" else None, event_type=chosen, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_timeline_event(
                person=person,
                by=request.user,
                type=chosen,
                date=form.cleaned_data["date"],
                data=form.event_data(),
                notes=form.cleaned_data.get("notes", ""),
                request=request,
            )
        except services.EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, f"{event_label(chosen)} is recorded for {person.full_name}.")
            return redirect(person_page_url(person))
    return render(
        request,
        "oversight/event_form.jinja",
        {
            "person": person,
            "form": form,
            "event_type": chosen,
            "heading": event_label(chosen),
            "choose_url": url_or_none("oversight:record_event", person.pk),
        },
    )


@requires(Action.VIEW_RECORD, person_kwarg="pk")
def timeline_view(request, pk):
    person = access.person_for(request.user, pk, Action.VIEW_RECORD)
    audit.record(request, "person.timeline_viewed", person=person, summary="Viewed timeline and what is due")
    return render(
        request,
        "oversight/timeline.jinja",
        {
            **context_for(person, limit=None, user=request.user),
            "register_url": url_or_none("register:detail", person.pk),
        },
    )


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def void_event_view(request, pk, event_pk):
    person = access.person_for(request.user, pk, Action.RECORD_EVENT)
    event = person.timeline.filter(pk=event_pk).first()
    if event is None:
        raise Http404("No such event")
    form = VoidForm(request.POST if request.method == "POST" else None)
    problem = None
    if event.voided_at is not None:
        problem = "This event has already been voided."
    elif event.source:
        problem = "This event belongs to another record, such as a referral or a C(E)TR. Correct that record instead."
    if request.method == "POST" and problem is None and form.is_valid():
        try:
            services.void_timeline_event(
                event=event, by=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except services.EventError as error:
            problem = str(error)
        else:
            messages.success(request, f"{event_label(event.type)} on {nhs_date(event.date)} is voided.")
            return redirect("oversight:timeline", pk=person.pk)
    return render(
        request,
        "oversight/void_event.jinja",
        {"person": person, "event": event, "form": form, "problem": problem, "event_label": event_label},
    )


# ------------------------------------------------------------------------------------------- work queues


def _filters(request, *, show_choices: bool):
    teams = work_queue.teams_in(request.user)
    form = WorkFilterForm(
        request.GET or None,
        teams=teams,
        show_choices=show_choices,
        may_allocate=access.allowed(request.user, Action.ALLOCATE),
    )
    chosen = form.filters()
    show = chosen.get("show") or (work_queue.default_show(request.user) if show_choices else "all")
    return form, work_queue.WorkFilters(
        show=show,
        kind=chosen.get("kind", ""),
        team=chosen.get("team", ""),
        rating=chosen.get("rating", ""),
        pathway=chosen.get("pathway", ""),
        setting=chosen.get("setting", ""),
    )


def _work_page(request, *, template: str, by_kind: bool, show_choices: bool):
    today = get_today()
    form, filters = _filters(request, show_choices=show_choices)
    people = access.people_for(request.user)
    queue = work_queue.work_queue(request.user, people, filters, today, by_kind=by_kind)
    page = Paginator(queue.items, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        "the ICB overview" if by_kind else "My work",
        people={item.person_id for item in page.object_list},
        filters={**vars(filters), "page": page.number},
    )
    return render(
        request,
        template,
        {
            "form": form,
            "filters": filters,
            "queue": queue,
            "page": page,
            "groups": work_queue.grouped(list(page.object_list), today),
            "sections": work_queue.SECTIONS,
            "query": query_without_page(request),
            "today": today,
            "filtered": any([filters.kind, filters.team, filters.rating, filters.pathway, filters.setting]),
        },
    )


@requires(Action.VIEW_WORK)
def my_work_view(request):
    return _work_page(request, template="oversight/my_work.jinja", by_kind=False, show_choices=True)


@requires(Action.VIEW_ICB_WORK)
def icb_work_view(request):
    return _work_page(request, template="oversight/icb_work.jinja", by_kind=True, show_choices=False)


# ------------------------------------------------------------------------------------------- cohort

COHORT_COLUMNS = [
    "Name",
    "NHS number",
    "Why the panel reviews them",
    "On the list since",
    "Rating",
    "Where they are",
    "Hospital setting",
    "Admitted on",
    "Length of stay (days)",
]


def _cohort_rows(request):
    return panel_list.cohort(access.people_for(request.user), get_today())


@requires(Action.VIEW_COHORT)
def cohort_view(request):
    rows = _cohort_rows(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        "the oversight panel list",
        people=[row.person for row in page.object_list],
        filters={"page": page.number},
    )
    return render(
        request,
        "oversight/cohort.jinja",
        {
            "page": page,
            "count": len(rows),
            "query": query_without_page(request),
            "next_meeting": panel_queries.next_meeting(request.user.icb_id, get_today()),
        },
    )


def _export_values(row) -> list:
    return [
        row.person.full_name,
        nhs_number(row.person.nhs_number, ""),
        "; ".join(row.reasons),
        row.since,
        row.rating,
        row.location,
        row.setting,
        row.admitted_on,
        row.length_of_stay,
    ]


@requires(Action.VIEW_COHORT)
def cohort_export_view(request, fmt):
    if fmt not in (exports.CSV, exports.EXCEL):
        raise Http404("No such format")
    rows = _cohort_rows(request)
    return exports.download(
        request,
        fmt=fmt,
        name=f"oversight-panel-{get_today().isoformat()}",
        sheet_title="Oversight panel",
        columns=COHORT_COLUMNS,
        rows=[_export_values(row) for row in rows],
        action="cohort.exported",
        summary=f"Exported the oversight panel list ({len(rows)} {'person' if len(rows) == 1 else 'people'})",
        people=[row.person.pk for row in rows],
    )


# ------------------------------------------------------------------------------------------- reminders


@requires(Action.VIEW_WORK)
@require_http_methods(["GET", "POST"])
def reminder_settings_view(request):
    user = request.user
    initial = {"wants_reminders": not user.reminder_opt_out, "reminder_days": user.reminder_days}
    form = ReminderSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        wants = form.cleaned_data["wants_reminders"]
        days = form.cleaned_data.get("reminder_days")
        services.save_reminder_settings(
            user=user, opt_out=not wants, days=user.reminder_days if days is None else days, request=request
        )
        messages.success(
            request,
            f"You will get a daily email of what is overdue or due within {user.reminder_days} days."
            if wants
            else "You will not get daily reminder emails.",
        )
        return redirect("oversight:reminder_settings")
    return render(request, "oversight/reminder_settings.jinja", {"form": form})
