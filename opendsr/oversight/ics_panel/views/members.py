"""Pages for the panel's members: the list, adding a member and changing one."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access
from opendsr.accounts.access import Action, requires
from opendsr.oversight.ics_panel import forms, queries, services
from opendsr.oversight.ics_panel.views.common import _form_page
from opendsr.web.today import today as get_today


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
