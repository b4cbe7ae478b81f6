"""The ICS oversight panel's pages, mounted beside the oversight panel list (/work/oversight-panel/)."""

from django.urls import path

from opendsr.oversight.ics_panel import views

urlpatterns = [
    path("oversight-panel/members/", views.members_view, name="panel_members"),
    path("oversight-panel/members/new/", views.member_new_view, name="panel_member_new"),
    path(
        "oversight-panel/members/<int:oversight_panel_member_pk>/",
        views.member_edit_view,
        name="panel_member_edit",
    ),
    path("oversight-panel/meetings/", views.meetings_view, name="panel_meetings"),
    path("oversight-panel/meetings/new/", views.meeting_new_view, name="panel_meeting_new"),
    path("oversight-panel/meetings/<int:panel_meeting_pk>/", views.meeting_view, name="panel_meeting"),
    path(
        "oversight-panel/meetings/<int:panel_meeting_pk>/edit/",
        views.meeting_edit_view,
        name="panel_meeting_edit",
    ),
    path(
        "oversight-panel/meetings/<int:panel_meeting_pk>/cancel/",
        views.meeting_cancel_view,
        name="panel_meeting_cancel",
    ),
    path(
        "oversight-panel/meetings/<int:panel_meeting_pk>/minutes/", views.minutes_view, name="panel_minutes"
    ),
    path(
        "oversight-panel/meetings/<int:panel_meeting_pk>/papers.pdf", views.papers_view, name="panel_papers"
    ),
    path(
        "oversight-panel/meetings/<int:panel_meeting_pk>/agenda/update/",
        views.agenda_refresh_view,
        name="panel_agenda_refresh",
    ),
    path(
        "oversight-panel/meetings/<int:panel_meeting_pk>/agenda/add/",
        views.agenda_add_view,
        name="panel_agenda_add",
    ),
    path("oversight-panel/agenda/<int:panel_item_pk>/", views.discussion_view, name="panel_discussion"),
    path(
        "oversight-panel/agenda/<int:panel_item_pk>/remove/",
        views.agenda_remove_view,
        name="panel_agenda_remove",
    ),
    path(
        "oversight-panel/agenda/<int:panel_item_pk>/undo/",
        views.discussion_undo_view,
        name="panel_discussion_undo",
    ),
    path(
        "oversight-panel/agenda/<int:panel_item_pk>/actions/new/",
        views.action_new_view,
        name="panel_action_new",
    ),
    path("oversight-panel/actions/<int:panel_action_pk>/", views.action_view, name="panel_action"),
]
