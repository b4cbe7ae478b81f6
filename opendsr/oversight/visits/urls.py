"""The visit, escalation and complaint pages, mounted with the rest of oversight at /work/."""

from django.urls import path

from opendsr.oversight.visits import views

urlpatterns = [
    path("visits/", views.schedule_view, name="visit_schedule"),
    path("visits/export.<str:fmt>", views.schedule_export_view, name="visit_schedule_export"),
    path("people/<int:pk>/visits/", views.person_visits_view, name="person_visits"),
    path("people/<int:pk>/visits/new/", views.visit_new_view, name="visit_new"),
    path("visits/<int:oversightvisit_pk>/", views.visit_view, name="visit"),
    path("visits/<int:oversightvisit_pk>/edit/", views.visit_edit_view, name="visit_edit"),
    path("visits/<int:oversightvisit_pk>/actions/new/", views.visit_action_new_view, name="visit_action_new"),
    path("visit-actions/<int:visitaction_pk>/", views.visit_action_view, name="visit_action"),
    path("people/<int:pk>/escalations/new/", views.escalation_new_view, name="escalation_new"),
    path("people/<int:pk>/complaints/new/", views.complaint_new_view, name="complaint_new"),
    path("complaints/<int:complaint_pk>/resolve/", views.complaint_resolve_view, name="complaint_resolve"),
]
