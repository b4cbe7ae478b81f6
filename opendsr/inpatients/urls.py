"""The inpatient record's pages: a person's under /people/<pk>/inpatient/, the ICB's and the region's lists under
/inpatients/."""

from django.urls import path

from opendsr.inpatients import views

app_name = "inpatients"
urlpatterns = [
    path("people/<int:pk>/inpatient/", views.record, name="record"),
    path("people/<int:pk>/inpatient/admit/", views.admit, name="admit"),
    path("people/<int:pk>/inpatient/<int:admission_pk>/change/", views.admission_edit, name="admission_edit"),
    path("people/<int:pk>/inpatient/<int:admission_pk>/move/", views.transfer, name="transfer"),
    path("people/<int:pk>/inpatient/<int:admission_pk>/cqc-rating/", views.ward_rating, name="ward_rating"),
    path(
        "people/<int:pk>/inpatient/<int:admission_pk>/segregation/new/", views.episode_new, name="episode_new"
    ),
    path(
        "people/<int:pk>/inpatient/episodes/<int:restrictiveepisode_pk>/",
        views.episode_edit,
        name="episode_edit",
    ),
    path("people/<int:pk>/inpatient/plan/<int:dischargeplanitem_pk>/", views.plan_item, name="plan_item"),
    path(
        "people/<int:pk>/inpatient/<int:admission_pk>/ministry-of-justice/",
        views.moj_contact,
        name="moj_contact",
    ),
    path("people/<int:pk>/inpatient/<int:admission_pk>/discharge/", views.discharge, name="discharge"),
    path("inpatients/segregation/", views.segregation_list, name="segregation"),
    path("inpatients/segregation/export.<str:fmt>", views.segregation_export, name="segregation_export"),
    # s14.4: the NHS regional lead's list, of every ICB in their region
    path("inpatients/segregation/region/", views.region_segregation, name="region_segregation"),
    path(
        "inpatients/segregation/region/export.<str:fmt>",
        views.region_segregation_export,
        name="region_segregation_export",
    ),
]
