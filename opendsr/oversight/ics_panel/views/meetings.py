"""Pages for the panel's meetings: the list, scheduling, the meeting's page, changing or cancelling it, its
minutes and its papers."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.oversight.ics_panel import forms, papers, queries, services
from opendsr.oversight.ics_panel.models import MeetingStatus
from opendsr.oversight.ics_panel.views.common import _form_page, _meeting_caption, _meeting_url
from opendsr.web.formatting import nhs_date, timescales
from opendsr.web.today import today as get_today


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
        lead=f"The panel meets at least {timescales()['panel_meets']} (section 18). Everyone the register says is due a panel review "
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
