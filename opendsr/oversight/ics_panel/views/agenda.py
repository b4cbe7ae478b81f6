"""Pages for a meeting's agenda: bringing it up to date, adding a person and taking one off."""

from __future__ import annotations

from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from opendsr.accounts import audit
from opendsr.accounts.access import Action, requires
from opendsr.oversight.ics_panel import forms, queries, services
from opendsr.oversight.ics_panel.views.common import _form_page, _meeting_caption, _meeting_url
from opendsr.web.form_pages import one_step


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
