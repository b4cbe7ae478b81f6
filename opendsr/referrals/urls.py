from django.urls import path

from opendsr.referrals.views import (
    acknowledging,
    disputes,
    inbox,
    letters,
    outcome,
    recording,
    referring,
    templates,
)

app_name = "referrals"
urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("new/", recording.new, name="new"),
    path("people/<int:person_pk>/refer/", referring.refer, name="refer"),
    path("<int:referral_pk>/", inbox.detail, name="detail"),
    path("<int:referral_pk>/acknowledge/", acknowledging.acknowledge, name="acknowledge"),
    path("<int:referral_pk>/outcome/", outcome.outcome, name="outcome"),
    path("<int:referral_pk>/outcome/phone/", outcome.outcome_phone, name="outcome_phone"),
    path("<int:referral_pk>/dispute/", disputes.dispute, name="dispute"),
    path("<int:referral_pk>/dispute/outcome/", disputes.dispute_outcome, name="dispute_outcome"),
    path("<int:referral_pk>/withdraw/", disputes.withdraw, name="withdraw"),
    path("letters/<int:letter_pk>.pdf", letters.letter_pdf, name="letter_pdf"),
    path("letters/<int:letter_pk>/send-again/", letters.letter_retry, name="letter_retry"),
    path("templates/", templates.templates, name="templates"),
    path("templates/<slug:letter_kind>/", templates.template_edit, name="template_edit"),
]
