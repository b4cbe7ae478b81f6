"""The register's pages, under /people/."""

from django.urls import path

from opendsr.register.views import carers, consent, instruments, leaving, listing, people, rating

app_name = "register"
urlpatterns = [
    path("", listing.register_list, name="list"),
    path("export.<str:fmt>", listing.register_export, name="export"),
    path("new/", people.person_new, name="new"),
    path("<int:pk>/", people.person_detail, name="detail"),
    path("<int:pk>/change/", people.person_edit, name="edit"),
    path("<int:pk>/rating/", rating.rate, name="rate"),
    path("<int:pk>/rating/<int:ratingdecision_pk>/tell/", rating.tell_outcome, name="tell_outcome"),
    path("<int:pk>/consent/", consent.consent, name="consent"),
    path("<int:pk>/consent/check/", consent.consent_check, name="consent_check"),
    path("<int:pk>/consent/withdraw/", consent.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/consent/not-given/", consent.consent_refused, name="consent_refused"),
    path("<int:pk>/carers/new/", carers.carer_add, name="carer_add"),
    path("<int:pk>/carers/<int:carer_pk>/", carers.carer_edit, name="carer_edit"),
    path("<int:pk>/leave/", leaving.leave, name="leave"),
    path("<int:pk>/allocate/", people.allocate, name="allocate"),
    path("instruments/", instruments.instruments, name="instruments"),
    path("instruments/new/", instruments.instrument_add, name="instrument_add"),
    path("instruments/import/", instruments.instrument_import, name="instrument_import"),
    path(
        "instruments/<int:instrument_pk>/export.json", instruments.instrument_export, name="instrument_export"
    ),
    path("instruments/<int:instrument_pk>/", instruments.instrument, name="instrument"),
]
