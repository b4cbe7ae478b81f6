"""A person's communication log and needs, under /people/<pk>/communication/."""

from django.urls import path

from opendsr.communication import views

app_name = "communication"
urlpatterns = [
    path("people/<int:pk>/communication/", views.log, name="log"),
    path("people/<int:pk>/communication/<int:communication_pk>/", views.entry, name="entry"),
    path("people/<int:pk>/communication/<int:communication_pk>.pdf", views.entry_pdf, name="entry_pdf"),
    path("people/<int:pk>/communication/needs/", views.needs, name="needs"),
    path("people/<int:pk>/communication/call/", views.call, name="call"),
    path("people/<int:pk>/communication/consent-request/", views.consent_request, name="consent_request"),
]
