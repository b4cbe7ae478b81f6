from django.urls import path

from opendsr.reviews.views import directory, invitations, laep, meeting, organising, report, requests

app_name = "reviews"
urlpatterns = [
    path("", organising.review_list, name="list"),
    path("people/<int:person_pk>/new/", organising.review_new, name="new"),
    path("people/<int:person_pk>/requests/new/", requests.request_new, name="request_new"),
    path("people/<int:person_pk>/declines/new/", requests.decline_new, name="decline_new"),
    path("people/<int:person_pk>/laeps/new/", laep.laep_new, name="laep_new"),
    path("laeps/<int:laep_pk>/", laep.laep_detail, name="laep"),
    path("laeps/<int:laep_pk>/edit/", laep.laep_edit, name="laep_edit"),
    path("<int:review_pk>/", organising.review_detail, name="detail"),
    path("<int:review_pk>/arrangements/", organising.arrangements, name="arrangements"),
    path("<int:review_pk>/panel/", organising.panel, name="panel"),
    path("<int:review_pk>/invitations/", invitations.invitations, name="invitations"),
    path("<int:review_pk>/checklist/", organising.checklist, name="checklist"),
    path("<int:review_pk>/cancel/", organising.cancel, name="cancel"),
    path("<int:review_pk>/meeting/", meeting.meeting, name="meeting"),
    path("<int:review_pk>/findings/<slug:question>/", meeting.findings, name="findings"),
    path("<int:review_pk>/safeguarding/new/", meeting.safeguarding_new, name="safeguarding_new"),
    path("<int:review_pk>/rating/", meeting.rating, name="rating"),
    path("<int:review_pk>/actions/", meeting.actions, name="actions"),
    path("<int:review_pk>/report/", report.report_page, name="report"),
    path("<int:review_pk>/report.pdf", report.report_pdf, name="report_pdf"),
    path("<int:review_pk>/easy-read.pdf", report.easy_read_pdf, name="easy_read_pdf"),
    path("invitations/<int:invitation_pk>/", invitations.invitation, name="invitation"),
    path("actions/<int:reviewaction_pk>/", meeting.action, name="action"),
    path(
        "safeguarding/<int:safeguardingconcern_pk>/referral/",
        meeting.safeguarding_referral,
        name="safeguarding_referral",
    ),
    path(
        "safeguarding/<int:safeguardingconcern_pk>/resume/",
        meeting.safeguarding_resume,
        name="safeguarding_resume",
    ),
    path("requests/<int:reviewrequest_pk>/", requests.request_detail, name="request"),
    path("directory/", directory.directory, name="directory"),
    path("directory/new/", directory.directory_new, name="directory_new"),
    path("directory/<int:panelmember_pk>/", directory.directory_edit, name="directory_edit"),
    path("payments/", directory.payments, name="payments"),
    path("seats/<int:panelseat_pk>/payment/", directory.seat_payment, name="seat_payment"),
    path("settings/", directory.settings_page, name="settings"),
    path("kloe/", directory.kloe_templates, name="kloe_templates"),
    path("kloe/<slug:kloe_set>/", directory.kloe_template, name="kloe_template"),
]
