"""Pages for each person's discussion at the panel, undoing it, and the actions it sets."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opendsr.accounts import audit
from opendsr.accounts.access import Action, requires
from opendsr.oversight.ics_panel import forms, queries, services
from opendsr.oversight.ics_panel.views.common import _form_page, _meeting_caption, _meeting_url
from opendsr.web.form_pages import one_step
from opendsr.web.formatting import nhs_date


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
