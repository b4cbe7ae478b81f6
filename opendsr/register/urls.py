"""The register's pages, under /people/."""

from django.urls import path

from opendsr.register import views

app_name = "register"
urlpatterns = [
    path("", views.register_list, name="list"),
    path("export.<str:fmt>", views.register_export, name="export"),
    path("new/", views.person_new, name="new"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/change/", views.person_edit, name="edit"),
    path("<int:pk>/rating/", views.rate, name="rate"),
    path("<int:pk>/rating/<int:ratingdecision_pk>/tell/", views.tell_outcome, name="tell_outcome"),
    path("<int:pk>/consent/", views.consent, name="consent"),
    path("<int:pk>/consent/check/", views.consent_check, name="consent_check"),
    path("<int:pk>/consent/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/consent/not-given/", views.consent_refused, name="consent_refused"),
    path("<int:pk>/carers/new/", views.carer_add, name="carer_add"),
    path("<int:pk>/carers/<int:carer_pk>/", views.carer_edit, name="carer_edit"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/allocate/", views.allocate, name="allocate"),
    path("instruments/", views.instruments, name="instruments"),
    path("instruments/new/", views.instrument_add, name="instrument_add"),
    path("instruments/import/", views.instrument_import, name="instrument_import"),
    path("instruments/<int:instrument_pk>/export.json", views.instrument_export, name="instrument_export"),
    path("instruments/<int:instrument_pk>/", views.instrument, name="instrument"),
]
