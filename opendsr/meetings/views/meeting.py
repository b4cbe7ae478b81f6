"""Pages for one DSR meeting: the agenda, attendance, the discussion of each person, actions and the minutes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.meetings import agenda, forms, minutes, queries
from opendsr.meetings.models import DsrMeetingItem, DsrMeetingStatus
from opendsr.meetings.services import meeting as services
from opendsr.meetings.views.common import form_page
from opendsr.web.form_pages import one_step, submit
from opendsr.web.today import today as get_today


@requires(Action.MANAGE_MEETINGS)
def meeting_page(request, dsrmeeting_pk):
    meeting = queries.meeting_for(request.user, dsrmeeting_pk)
    people = access.people_for(request.user)
    built = agenda.build(meeting, people, request.user, get_today())
    shown = [entry.person for section in built.sections for entry in section.entries]
    audit.listed(request, f"the agenda of {meeting}", people=shown)
    return render(
        request,
        "meetings/meeting.jinja",
        {
            "meeting": meeting,
            "agenda": built,
            "today": get_today(),
            "open": meeting.status == DsrMeetingStatus.SCHEDULED,
            "attendance": list(meeting.attendance.all()),
            "discussed": meeting.items.filter(discussed=True).count(),
        },
    )


@requires(Action.MANAGE_MEETINGS)
@require_POST
def move_section(request, dsrmeeting_pk):
    meeting = queries.meeting_for(request.user, dsrmeeting_pk)
    one_step(
        request,
        lambda: services.move_section(
            meeting=meeting,
            by=request.user,
            section=request.POST.get("section", ""),
            up=request.POST.get("direction") == "up",
            request=request,
        ),
        "The agenda's order is saved.",
    )
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + "#agenda")


@requires(Action.MANAGE_MEETINGS)
@require_http_methods(["GET", "POST"])
def add_person(request, dsrmeeting_pk):
    meeting = queries.meeting_for(request.user, dsrmeeting_pk)
    form = forms.AddPersonForm(request.POST or None, people=queries.people_to_add(request.user))
    return form_page(
        request,
        form=form,
        heading="Add someone to the agenda",
        caption=str(meeting),
        call=lambda data: services.add_to_agenda(meeting=meeting, by=request.user, request=request, **data),
        success=lambda item: f"{item.person.full_name} is on the agenda.",
        redirect_to=reverse("meetings:detail", args=[meeting.pk]) + "#agenda",
        back=reverse("meetings:detail", args=[meeting.pk]),
        submit="Add to the agenda",
    )


@requires(Action.MANAGE_MEETINGS, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def remove_person(request, dsrmeeting_pk, person_pk):
    meeting = queries.meeting_for(request.user, dsrmeeting_pk)
    person = access.person_for(request.user, person_pk, Action.MANAGE_MEETINGS)
    form = forms.RemovePersonForm(request.POST or None)
    return form_page(
        request,
        form=form,
        heading=f"Take {person.full_name} off the agenda?",
        caption=str(meeting),
        lead="They stay on the register; only this meeting's agenda leaves them out. You can add them back.",
        call=lambda data: services.remove_from_agenda(
            meeting=meeting, person=person, by=request.user, request=request, **data
        ),
        success=f"{person.full_name} is off this meeting's agenda.",
        redirect_to=reverse("meetings:detail", args=[meeting.pk]) + "#agenda",
        back=reverse("meetings:detail", args=[meeting.pk]),
        submit="Take them off the agenda",
    )


@requires(Action.MANAGE_MEETINGS)
@require_http_methods(["GET", "POST"])
def attendance(request, dsrmeeting_pk):
    meeting = queries.meeting_for(request.user, dsrmeeting_pk)
    members = list(meeting.standing.members.filter(active=True).order_by("name"))
    rows = list(meeting.attendance.all())
    initial = {
        "present": [str(row.member_id) for row in rows if row.present and row.member_id],
        "guests": "\n".join(f"{row.name}, {row.organisation}".rstrip(", ") for row in rows if row.is_guest),
    }
    form = forms.AttendanceForm(request.POST or None, initial=initial, members=members)
    return form_page(
        request,
        form=form,
        heading="Who came to the meeting?",
        caption=str(meeting),
        lead=""
        if members
        else "This meeting has no members yet: the DSR lead adds them to the meeting's page.",
        call=lambda data: services.record_attendance(
            meeting=meeting,
            by=request.user,
            present=[int(pk) for pk in data["present"]],
            guests=data["guests"],
            request=request,
        ),
        success="Attendance is saved.",
        redirect_to=reverse("meetings:detail", args=[meeting.pk]),
        back=reverse("meetings:detail", args=[meeting.pk]),
    )


def _entry_for(meeting, request, person):
    built = agenda.build(
        meeting, access.people_for(request.user).filter(pk=person.pk), request.user, get_today()
    )
    return next((e for s in built.sections for e in s.entries), None)


@requires(Action.MANAGE_MEETINGS, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def discussion(request, dsrmeeting_pk, person_pk):
    meeting = queries.meeting_for(request.user, dsrmeeting_pk)
    person = access.person_for(request.user, person_pk, Action.MANAGE_MEETINGS)
    item = DsrMeetingItem.objects.filter(meeting=meeting, person=person).first()
    entry = _entry_for(meeting, request, person)
    form = forms.DiscussionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.record_discussion(
            meeting=meeting,
            person=person,
            by=request.user,
            section=entry.section if entry else "added",
            request=request,
            **data,
        ),
        success=f"The discussion about {person.full_name} is saved.",
        redirect_to=reverse("meetings:discussion", args=[meeting.pk, person.pk]),
    )
    if done:
        return done
    action_form = forms.ActionForm(users=queries.colleagues(request.user))
    return render(
        request,
        "meetings/discussion.jinja",
        {
            "meeting": meeting,
            "person": person,
            "item": item,
            "entry": entry,
            "form": form,
            "action_form": action_form,
            "actions": queries.actions_for_item(item),
            "open": meeting.status == DsrMeetingStatus.SCHEDULED,
            "not_yet": meeting.date > get_today(),
            "today": get_today(),
        },
    )


@requires(Action.MANAGE_MEETINGS, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def action_add(request, dsrmeeting_pk, person_pk):
    meeting = queries.meeting_for(request.user, dsrmeeting_pk)
    person = access.person_for(request.user, person_pk, Action.MANAGE_MEETINGS)
    item = DsrMeetingItem.objects.filter(meeting=meeting, person=person).first() or DsrMeetingItem(
        meeting=meeting, person=person, section="added"
    )
    form = forms.ActionForm(request.POST or None, users=queries.colleagues(request.user))
    return form_page(
        request,
        form=form,
        heading="Add an action",
        caption=person.full_name,
        lead="The action is on its owner's “My work”, if they use OpenDSR, and on every later agenda until it is done.",
        call=lambda data: services.add_action(item=item, by=request.user, request=request, **data),
        success=lambda action: f"The action for {action.owner_name} is saved.",
        redirect_to=reverse("meetings:discussion", args=[meeting.pk, person.pk]) + "#actions",
        back=reverse("meetings:discussion", args=[meeting.pk, person.pk]),
        submit="Add the action",
    )


@requires(Action.VIEW_WORK)
@require_http_methods(["GET", "POST"])
def action_page(request, dsrmeetingaction_pk):
    action = queries.action_for(request.user, dsrmeetingaction_pk)
    audit.shows(request, action.person)
    if request.method == "POST" and not services.may_update_action(request.user, action):
        raise PermissionDenied
    form = forms.ActionUpdateForm(
        request.POST or None,
        initial={"status": action.status, "closed_on": action.closed_on, "outcome_note": action.outcome_note},
    )
    meeting = action.item.meeting
    return form_page(
        request,
        form=form,
        heading="Update the action",
        caption=action.person.full_name,
        lead=f"{action.text} Owner: {action.owner_name}, {action.owner_organisation}. Due {action.due:%-d %B %Y}. "
        f"Agreed at {meeting}.",
        call=lambda data: services.update_action(action=action, by=request.user, request=request, **data),
        success="The action is updated.",
        redirect_to=reverse("oversight:my_work"),
        back=reverse("oversight:my_work"),
    )


@requires(Action.MANAGE_MEETINGS)
@require_http_methods(["GET", "POST"])
def minutes_page(request, dsrmeeting_pk):
    meeting = queries.meeting_for(request.user, dsrmeeting_pk)
    problem = ""
    if request.method == "POST":
        try:
            sent_to = services.send_minutes(meeting=meeting, by=request.user, request=request)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                f"The minutes are sent to {len(sent_to)} member{'s' if len(sent_to) != 1 else ''}."
                if sent_to
                else "The minutes are saved. No member has an email address, so none were sent.",
            )
            return redirect("meetings:detail", meeting.pk)
    return render(
        request,
        "meetings/minutes.jinja",
        {
            "meeting": meeting,
            "problem": problem,
            "open": meeting.status == DsrMeetingStatus.SCHEDULED,
            "recipients": sorted({m.email for m in meeting.standing.members.filter(active=True) if m.email}),
            **minutes.context(meeting),
        },
        status=400 if problem else 200,
    )


@requires(Action.MANAGE_MEETINGS)
def minutes_pdf(request, dsrmeeting_pk):
    meeting = queries.meeting_for(request.user, dsrmeeting_pk)
    audit.record(request, "dsr_meeting.minutes_downloaded", summary=f"Downloaded the minutes of {meeting}")
    response = HttpResponse(minutes.minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="dsr-meeting-{meeting.date:%Y-%m-%d}-minutes.pdf"'
    )
    return response
