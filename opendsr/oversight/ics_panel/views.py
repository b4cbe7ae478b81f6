"""Pages of the ICS oversight panel (s18): its members, its meetings with their agendas, papers and minutes,
each person's discussion and actions. Each view checks access, calls a service or a query, and renders.

Everything here belongs to the user's own ICB; another ICB's meeting does not exist for them (404)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.oversight.ics_panel import forms, papers, queries, services
from opendsr.oversight.ics_panel.models import MeetingStatus
from opendsr.web.form_pages import form_page, one_step
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today


def _form_page(
    request,
    *,
    form,
    heading,
    call,
    success,
    redirect_to,
    caption="",
    lead="",
    submit="Save",
    back=None,
    extra=None,
):
    return form_page(
        request,
        form,
        template="oversight/ics_panel/form.jinja",
        call=call,
        success=success,
        redirect_to=redirect_to,
        context={
            "heading": heading,
            "caption": caption,
            "lead": lead,
            "submit": submit,
            "back": back,
            **(extra or {}),
        },
    )


def _meeting_url(meeting) -> str:
    return reverse("oversight:panel_meeting", args=[meeting.pk])


def _meeting_caption(meeting) -> str:
    return f"ICS oversight panel, {nhs_date(meeting.date)}"


# ------------------------------------------------------------------------------------------- members


@requires(Action.VIEW_COHORT)
def members_view(request):
    today = get_today()
    members = list(queries.members_of(request.user.icb_id))
    return render(
        request,
        "oversight/ics_panel/members.jinja",
        {
            "current": [m for m in members if m.left_on is None or m.left_on > today],
            "former": [m for m in members if m.left_on is not None and m.left_on <= today],
            "warnings": queries.membership_warnings(request.user.icb_id, today),
            "may_manage": access.allowed(request.user, Action.MANAGE_OVERSIGHT_PANEL),
        },
    )


def _member_initial(member) -> dict:
    names = ("name", "role", "organisation", "email", "user", "is_chair", "left_on")
    return {name: getattr(member, name) for name in names}


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def member_new_view(request):
    form = forms.MemberForm(request.POST or None, users=queries.owners_for(request.user))
    return _form_page(
        request,
        form=form,
        heading="Add a panel member",
        caption="ICS oversight panel",
        call=lambda data: services.save_member(
            icb=request.user.icb, by=request.user, request=request, **data
        ),
        success=lambda member: f"{member.name} is added to the panel as {member.get_role_display().lower()}.",
        redirect_to=reverse("oversight:panel_members"),
        submit="Add them",
        back=reverse("oversight:panel_members"),
    )


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def member_edit_view(request, oversight_panel_member_pk):
    member = queries.member_for(request.user, oversight_panel_member_pk)
    form = forms.MemberForm(
        request.POST or None, users=queries.owners_for(request.user), initial=_member_initial(member)
    )
    return _form_page(
        request,
        form=form,
        heading=f"Change {member.name}'s details",
        caption="ICS oversight panel",
        call=lambda data: services.save_member(
            icb=request.user.icb, by=request.user, member=member, request=request, **data
        ),
        success=lambda member: f"{member.name}'s details are saved.",
        redirect_to=reverse("oversight:panel_members"),
        back=reverse("oversight:panel_members"),
    )


# ------------------------------------------------------------------------------------------- meetings


@requires(Action.VIEW_COHORT)
def meetings_view(request):
    today = get_today()
    meetings = list(queries.meetings_for(request.user).order_by("-date", "-pk"))
    upcoming = sorted(
        (m for m in meetings if m.status == MeetingStatus.SCHEDULED and m.date >= today), key=lambda m: m.date
    )
    return render(
        request,
        "oversight/ics_panel/meetings.jinja",
        {
            "upcoming": upcoming,
            "past": [m for m in meetings if m not in upcoming],
            "warnings": queries.schedule_warnings(request.user.icb_id, today)
            + queries.membership_warnings(request.user.icb_id, today),
            "due_count": len(queries.due_for_panel(request.user.icb_id, today)),
            "may_manage": access.allowed(request.user, Action.MANAGE_OVERSIGHT_PANEL),
        },
    )


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def meeting_new_view(request):
    members = queries.members_of(request.user.icb_id, on=get_today())
    chair = members.filter(is_chair=True).first()
    form = forms.MeetingForm(request.POST or None, members=members, initial={"chair": chair})
    return _form_page(
        request,
        form=form,
        heading="Schedule a panel meeting",
        caption="ICS oversight panel",
        lead="The panel meets at least quarterly (section 18). Everyone the register says is due a panel review "
        "goes on the agenda with the reasons; the chair can add and remove people.",
        call=lambda data: services.schedule_meeting(
            icb=request.user.icb, by=request.user, request=request, **data
        ),
        success=lambda meeting: (
            f"The meeting on {nhs_date(meeting.date)} is scheduled with "
            f"{meeting.items.count()} on the agenda."
        ),
        redirect_to=_meeting_url,
        submit="Schedule the meeting",
        back=reverse("oversight:panel_meetings"),
    )


@requires(Action.VIEW_COHORT)
def meeting_view(request, panel_meeting_pk):
    today = get_today()
    meeting = queries.meeting_for(request.user, panel_meeting_pk)
    items = queries.agenda(meeting)
    visible = set(
        access.people_for(request.user)
        .filter(pk__in=[i.person_id for i in items])
        .values_list("pk", flat=True)
    )
    audit.listed(
        request,
        f"the ICS oversight panel meeting on {nhs_date(meeting.date)}",
        people=[item.person_id for item in items],
        filters={"meeting": meeting.pk},
    )
    may_manage = access.allowed(request.user, Action.MANAGE_OVERSIGHT_PANEL)
    scheduled = meeting.status == MeetingStatus.SCHEDULED
    return render(
        request,
        "oversight/ics_panel/meeting.jinja",
        {
            "meeting": meeting,
            "items": items,
            "visible": visible,
            "removed": queries.removed_items(meeting),
            "waiting": queries.not_on_agenda(meeting, today) if scheduled else [],
            "warnings": queries.meeting_warnings(meeting, today),
            "attendance": list(meeting.attendance.filter(removed_at__isnull=True).select_related("member")),
            "may_manage": may_manage and meeting.status != MeetingStatus.CANCELLED,
            "held_or_today": meeting.date <= today,
            "today": today,
        },
    )


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def meeting_edit_view(request, panel_meeting_pk):
    meeting = queries.meeting_for(request.user, panel_meeting_pk)
    form = forms.MeetingForm(
        request.POST or None,
        members=queries.members_of(request.user.icb_id),
        initial={
            "date": meeting.date,
            "starts_at": meeting.starts_at,
            "venue": meeting.venue,
            "chair": meeting.chair,
        },
    )
    return _form_page(
        request,
        form=form,
        heading="Change the meeting's details",
        caption=_meeting_caption(meeting),
        call=lambda data: services.update_meeting(meeting=meeting, by=request.user, request=request, **data),
        success="The meeting's details are saved.",
        redirect_to=_meeting_url,
        back=_meeting_url(meeting),
    )


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def meeting_cancel_view(request, panel_meeting_pk):
    meeting = queries.meeting_for(request.user, panel_meeting_pk)
    form = forms.CancelForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        heading="Cancel the meeting",
        caption=_meeting_caption(meeting),
        lead="The people on its agenda stay due a panel review: schedule another meeting for them.",
        call=lambda data: services.cancel_meeting(meeting=meeting, by=request.user, request=request, **data),
        success=f"The meeting on {nhs_date(meeting.date)} is cancelled.",
        redirect_to=reverse("oversight:panel_meetings"),
        submit="Cancel the meeting",
        back=_meeting_url(meeting),
    )


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def minutes_view(request, panel_meeting_pk):
    meeting = queries.meeting_for(request.user, panel_meeting_pk)
    attended = list(meeting.attendance.filter(removed_at__isnull=True).values_list("member_id", flat=True))
    members = queries.members_of(request.user.icb_id, on=meeting.date)
    if not attended:
        attended = list(members.values_list("pk", flat=True))
    form = forms.MinutesForm(
        request.POST or None,
        members=queries.members_of(request.user.icb_id),
        initial={"attendees": attended, "others_present": meeting.others_present, "minutes": meeting.minutes},
    )
    return _form_page(
        request,
        form=form,
        heading="Record the minutes",
        caption=_meeting_caption(meeting),
        lead="Record each person's discussion and actions from the agenda on the meeting's page.",
        call=lambda data: services.record_minutes(meeting=meeting, by=request.user, request=request, **data),
        success="The minutes are saved.",
        redirect_to=_meeting_url,
        submit="Save the minutes",
        back=_meeting_url(meeting),
    )


@requires(Action.VIEW_COHORT)
def papers_view(request, panel_meeting_pk):
    today = get_today()
    meeting = queries.meeting_for(request.user, panel_meeting_pk)
    pack = queries.papers(meeting, today)
    audit.record(
        request,
        "oversight_panel.papers_downloaded",
        summary=f"Downloaded the papers for the ICS oversight panel meeting on {nhs_date(meeting.date)} "
        f"({len(pack)} {'person' if len(pack) == 1 else 'people'})",
        detail={"meeting": meeting.pk, "people": sorted(paper.item.person_id for paper in pack)},
    )
    response = HttpResponse(papers.papers_pdf(meeting, pack, today), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="oversight-panel-papers-{meeting.date.isoformat()}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


# ------------------------------------------------------------------------------------------- the agenda


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_POST
def agenda_refresh_view(request, panel_meeting_pk):
    meeting = queries.meeting_for(request.user, panel_meeting_pk)
    one_step(
        request,
        lambda: services.refresh_agenda(meeting=meeting, by=request.user, request=request),
        lambda added: f"{added} {'person is' if added == 1 else 'people are'} added to the agenda.",
    )
    return redirect(_meeting_url(meeting))


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def agenda_add_view(request, panel_meeting_pk):
    meeting = queries.meeting_for(request.user, panel_meeting_pk)
    form = forms.AddPersonForm(request.POST or None, people=queries.people_to_add(meeting))
    return _form_page(
        request,
        form=form,
        heading="Add someone to the agenda",
        caption=_meeting_caption(meeting),
        lead="The panel reviews the people the policy lists in section 18, and anyone else it is worried about.",
        call=lambda data: services.add_to_agenda(meeting=meeting, by=request.user, request=request, **data),
        success=lambda item: f"{item.person.full_name} is added to the agenda.",
        redirect_to=_meeting_url(meeting),
        submit="Add them to the agenda",
        back=_meeting_url(meeting),
    )


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def agenda_remove_view(request, panel_item_pk):
    item = queries.item_for(request.user, panel_item_pk)
    audit.shows(request, item.person)
    form = forms.RemoveForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        heading=f"Take {item.person.full_name} off the agenda",
        caption=_meeting_caption(item.meeting),
        lead="They stay due a panel review until the panel discusses them.",
        call=lambda data: services.remove_from_agenda(item=item, by=request.user, request=request, **data),
        success=f"{item.person.full_name} is taken off the agenda.",
        redirect_to=_meeting_url(item.meeting),
        submit="Take them off the agenda",
        back=_meeting_url(item.meeting),
    )


# ------------------------------------------------------------------------------------------- discussion


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def discussion_view(request, panel_item_pk):
    item = queries.item_for(request.user, panel_item_pk)
    audit.shows(request, item.person)
    form = forms.DiscussionForm(
        request.POST or None, initial={"decision": item.decision, "discussion": item.discussion}
    )
    first_time = item.discussed_on is None
    return _form_page(
        request,
        form=form,
        heading=f"Discuss {item.person.full_name}",
        caption=_meeting_caption(item.meeting),
        call=lambda data: services.record_discussion(item=item, by=request.user, request=request, **data),
        success=(
            f"{item.person.full_name} is recorded as discussed: their panel review is met on "
            f"{nhs_date(item.meeting.date)}."
            if first_time
            else "The panel's decision is saved."
        ),
        redirect_to=_meeting_url(item.meeting),
        submit="Record as discussed" if first_time else "Save the decision",
        back=_meeting_url(item.meeting),
        extra={"item": item, "reasons": item.reasons, "actions": list(item.actions.all())},
    )


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def discussion_undo_view(request, panel_item_pk):
    item = queries.item_for(request.user, panel_item_pk)
    audit.shows(request, item.person)
    if request.method == "POST":
        one_step(
            request,
            lambda: services.undo_discussion(item=item, by=request.user, request=request),
            f"{item.person.full_name} is no longer recorded as discussed: their panel review is due again.",
        )
        return redirect(_meeting_url(item.meeting))
    return render(
        request, "oversight/ics_panel/undo.jinja", {"item": item, "back": _meeting_url(item.meeting)}
    )


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def action_new_view(request, panel_item_pk):
    item = queries.item_for(request.user, panel_item_pk)
    audit.shows(request, item.person)
    form = forms.ActionForm(request.POST or None, owners=queries.owners_for(request.user))
    return _form_page(
        request,
        form=form,
        heading=f"Add an action for {item.person.full_name}",
        caption=_meeting_caption(item.meeting),
        lead="The panel takes ownership of the actions it agrees (section 18). Each has a named owner and a "
        "date; an owner with an OpenDSR account sees it in their work.",
        call=lambda data: services.add_action(item=item, by=request.user, request=request, **data),
        success=lambda action: f"The action is added for {action.owner_name}, due {nhs_date(action.due)}.",
        redirect_to=_meeting_url(item.meeting),
        submit="Add the action",
        back=_meeting_url(item.meeting),
        extra={"item": item, "actions": list(item.actions.all())},
    )


@requires(Action.MANAGE_OVERSIGHT_PANEL)
@require_http_methods(["GET", "POST"])
def action_view(request, panel_action_pk):
    action = queries.action_for(request.user, panel_action_pk)
    audit.shows(request, action.person)
    form = forms.ActionUpdateForm(
        request.POST or None,
        initial={"status": action.status, "closed_on": action.closed_on, "outcome_note": action.outcome_note},
    )
    return _form_page(
        request,
        form=form,
        heading="Update a panel action",
        caption=action.person.full_name,
        lead=f"{action.text} ({action.owner_name}; due {nhs_date(action.due)})",
        call=lambda data: services.update_action(action=action, by=request.user, request=request, **data),
        success="The action is updated.",
        redirect_to=_meeting_url(action.item.meeting),
        back=_meeting_url(action.item.meeting),
    )
