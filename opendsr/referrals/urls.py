from django.urls import path

from opendsr.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.new, name="new"),
    path("<int:referral_pk>/", views.detail, name="detail"),
    path("<int:referral_pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:referral_pk>/outcome/", views.outcome, name="outcome"),
    path("<int:referral_pk>/outcome/phone/", views.outcome_phone, name="outcome_phone"),
    path("<int:referral_pk>/dispute/", views.dispute, name="dispute"),
    path("<int:referral_pk>/dispute/outcome/", views.dispute_outcome, name="dispute_outcome"),
    path("<int:referral_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("letters/<int:letter_pk>.pdf", views.letter_pdf, name="letter_pdf"),
    path("letters/<int:letter_pk>/send-again/", views.letter_retry, name="letter_retry"),
    path("templates/", views.templates, name="templates"),
    path("templates/<slug:letter_kind>/", views.template_edit, name="template_edit"),
]
