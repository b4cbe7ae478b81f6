"""Pages for setting up the multi-agency DSR meeting: its terms of reference, its members, and the dates."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.meetings import forms, queries
from opendsr.meetings.services.meeting import save_member, save_standing_meeting, schedule_meetings
from opendsr.meetings.views.common import form_page
from opendsr.web.today import today as get_today


@requires(Action.MANAGE_MEETINGS)
def meetings_list(request):
    upcoming, past = queries.upcoming_and_past(request.user, get_today())
    return render(
        request,
        "meetings/list.jinja",
        {
            "standing": list(queries.standing_meetings(request.user).filter(active=True)),
            "upcoming": upcoming,
            "past": past,
        },
    )


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def standing_new(request):
    form = forms.StandingMeetingForm(request.POST or None, initial={"every_weeks": 2})
    return form_page(
        request,
        form=form,
        heading="Set up a DSR meeting",
        lead="The multi-agency meeting that goes through new referrals, the people at highest risk and the actions "
        "agreed for them (toolkit Part 1; policy s4).",
        call=lambda data: save_standing_meeting(
            icb=request.user.icb, by=request.user, request=request, **data
        ),
        success="The meeting's terms of reference are saved. Add its members next.",
        redirect_to=lambda standing: reverse("meetings:standing", args=[standing.pk]),
        back=reverse("meetings:list"),
    )


@requires(Action.MANAGE_MEETINGS)
def standing_page(request, standingmeeting_pk):
    standing = queries.standing_for(request.user, standingmeeting_pk)
    return render(
        request,
        "meetings/standing.jinja",
        {
            "standing": standing,
            "members": list(standing.members.select_related("user").order_by("-active", "name")),
            "meetings": list(standing.meetings.order_by("-date")[:10]),
        },
    )


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def standing_edit(request, standingmeeting_pk):
    standing = queries.standing_for(request.user, standingmeeting_pk)
    form = forms.StandingMeetingForm(
        request.POST or None,
        initial={
            "name": standing.name,
            "terms_of_reference": standing.terms_of_reference,
            "every_weeks": standing.every_weeks,
            "usual_time": standing.usual_time,
            "usual_venue": standing.usual_venue,
        },
    )
    return form_page(
        request,
        form=form,
        heading="Terms of reference",
        caption=standing.name,
        call=lambda data: save_standing_meeting(
            icb=request.user.icb, by=request.user, standing=standing, request=request, **data
        ),
        success="The terms of reference are saved.",
        redirect_to=reverse("meetings:standing", args=[standing.pk]),
        back=reverse("meetings:standing", args=[standing.pk]),
    )


def _member_page(request, standing, member=None):
    initial = (
        {
            "name": member.name,
            "organisation": member.organisation,
            "sector": member.sector,
            "role": member.role,
            "email": member.email,
            "user": member.user_id,
            "active": member.active,
        }
        if member
        else {"active": True}
    )
    form = forms.MemberForm(request.POST or None, initial=initial, users=queries.colleagues(request.user))
    return form_page(
        request,
        form=form,
        heading="Change a member" if member else "Add a member",
        caption=standing.name,
        lead="Members are on the invitation list: the minutes go to them, and they are named in full in the minutes.",
        call=lambda data: save_member(
            standing=standing, by=request.user, member=member, request=request, **data
        ),
        success=lambda saved: f"{saved.name} is saved.",
        redirect_to=reverse("meetings:standing", args=[standing.pk]),
        back=reverse("meetings:standing", args=[standing.pk]),
    )


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def member_add(request, standingmeeting_pk):
    return _member_page(request, queries.standing_for(request.user, standingmeeting_pk))


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def member_edit(request, dsrmeetingmember_pk):
    member = queries.member_for(request.user, dsrmeetingmember_pk)
    return _member_page(request, member.standing, member)


@requires(Action.MANAGE_MEETINGS)
@require_http_methods(["GET", "POST"])
def schedule(request, standingmeeting_pk):
    standing = queries.standing_for(request.user, standingmeeting_pk)
    form = forms.ScheduleForm(
        request.POST or None,
        initial={
            "count": 1,
            "start_time": standing.usual_time,
            "venue": standing.usual_venue,
            "chair": request.user.pk,
        },
        users=queries.colleagues(request.user),
    )
    return form_page(
        request,
        form=form,
        heading="Schedule meetings",
        caption=standing.name,
        lead=f"It meets every {standing.every_weeks} week{'s' if standing.every_weeks != 1 else ''}.",
        call=lambda data: schedule_meetings(standing=standing, by=request.user, request=request, **data),
        success=lambda made: f"{len(made)} meeting{'s are' if len(made) != 1 else ' is'} scheduled.",
        redirect_to=lambda made: reverse("meetings:detail", args=[made[0].pk]),
        back=reverse("meetings:standing", args=[standing.pk]),
        submit="Schedule",
    )
