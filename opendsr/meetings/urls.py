"""The multi-agency DSR meeting, mounted at /meetings/."""

from django.urls import path

from opendsr.meetings.views import meeting, setup

app_name = "meetings"
urlpatterns = [
    path("", setup.meetings_list, name="list"),
    path("new/", setup.standing_new, name="standing_new"),
    path("standing/<int:standingmeeting_pk>/", setup.standing_page, name="standing"),
    path("standing/<int:standingmeeting_pk>/edit/", setup.standing_edit, name="standing_edit"),
    path("standing/<int:standingmeeting_pk>/members/new/", setup.member_add, name="member_add"),
    path("standing/<int:standingmeeting_pk>/schedule/", setup.schedule, name="schedule"),
    path("members/<int:dsrmeetingmember_pk>/", setup.member_edit, name="member_edit"),
    path("<int:dsrmeeting_pk>/", meeting.meeting_page, name="detail"),
    path("<int:dsrmeeting_pk>/sections/", meeting.move_section, name="move_section"),
    path("<int:dsrmeeting_pk>/add/", meeting.add_person, name="add_person"),
    path("<int:dsrmeeting_pk>/attendance/", meeting.attendance, name="attendance"),
    path("<int:dsrmeeting_pk>/minutes/", meeting.minutes_page, name="minutes"),
    path("<int:dsrmeeting_pk>/minutes.pdf", meeting.minutes_pdf, name="minutes_pdf"),
    path("<int:dsrmeeting_pk>/people/<int:person_pk>/", meeting.discussion, name="discussion"),
    path("<int:dsrmeeting_pk>/people/<int:person_pk>/remove/", meeting.remove_person, name="remove_person"),
    path("<int:dsrmeeting_pk>/people/<int:person_pk>/actions/new/", meeting.action_add, name="action_add"),
    path("actions/<int:dsrmeetingaction_pk>/", meeting.action_page, name="action"),
]
