"""The clock's pages, mounted at /work/."""

from django.urls import path

from opendsr.oversight import views
from opendsr.oversight.ics_panel import urls as ics_panel_urls
from opendsr.oversight.visits import urls as visit_urls

app_name = "oversight"
urlpatterns = [
    path("", views.my_work_view, name="my_work"),
    path("icb/", views.icb_work_view, name="icb_work"),
    path("oversight-panel/", views.cohort_view, name="cohort"),
    path("oversight-panel/export.<str:fmt>", views.cohort_export_view, name="cohort_export"),
    path("reminders/", views.reminder_settings_view, name="reminder_settings"),
    path("people/<int:pk>/events/new/", views.record_event_view, name="record_event"),
    path("people/<int:pk>/timeline/", views.timeline_view, name="timeline"),
    path("people/<int:pk>/events/<int:event_pk>/void/", views.void_event_view, name="void_event"),
    *visit_urls.urlpatterns,
]
urlpatterns += ics_panel_urls.urlpatterns  # the ICS oversight panel (s18): members, meetings, agenda
