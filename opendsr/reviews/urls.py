from django.urls import path

from opendsr.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("people/<int:person_pk>/new/", views.review_new, name="new"),
    path("people/<int:person_pk>/requests/new/", views.request_new, name="request_new"),
    path("people/<int:person_pk>/declines/new/", views.decline_new, name="decline_new"),
    path("<int:review_pk>/", views.review_detail, name="detail"),
    path("<int:review_pk>/arrangements/", views.arrangements, name="arrangements"),
    path("<int:review_pk>/panel/", views.panel, name="panel"),
    path("<int:review_pk>/invitations/", views.invitations, name="invitations"),
    path("<int:review_pk>/checklist/", views.checklist, name="checklist"),
    path("<int:review_pk>/cancel/", views.cancel, name="cancel"),
    path("<int:review_pk>/meeting/", views.meeting, name="meeting"),
    path("<int:review_pk>/findings/<slug:question>/", views.findings, name="findings"),
    path("<int:review_pk>/safeguarding/new/", views.safeguarding_new, name="safeguarding_new"),
    path("<int:review_pk>/rating/", views.rating, name="rating"),
    path("<int:review_pk>/actions/", views.actions, name="actions"),
    path("<int:review_pk>/report/", views.report_page, name="report"),
    path("<int:review_pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:review_pk>/easy-read.pdf", views.easy_read_pdf, name="easy_read_pdf"),
    path("invitations/<int:invitation_pk>/", views.invitation, name="invitation"),
    path("actions/<int:reviewaction_pk>/", views.action, name="action"),
    path(
        "safeguarding/<int:safeguardingconcern_pk>/resume/",
        views.safeguarding_resume,
        name="safeguarding_resume",
    ),
    path("requests/<int:reviewrequest_pk>/", views.request_detail, name="request"),
    path("directory/", views.directory, name="directory"),
    path("directory/new/", views.directory_new, name="directory_new"),
    path("directory/<int:panelmember_pk>/", views.directory_edit, name="directory_edit"),
    path("payments/", views.payments, name="payments"),
    path("seats/<int:panelseat_pk>/payment/", views.seat_payment, name="seat_payment"),
    path("settings/", views.settings_page, name="settings"),
    path("kloe/", views.kloe_templates, name="kloe_templates"),
    path("kloe/<slug:kloe_set>/", views.kloe_template, name="kloe_template"),
]
