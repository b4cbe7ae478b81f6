"""The records pages, under /records/."""

from django.urls import path

from opendsr.records import views

app_name = "records"
urlpatterns = [
    path("duplicates/", views.duplicates, name="duplicates"),
    path("people/<int:pk>/duplicates/", views.person_duplicates, name="person_duplicates"),
    path("people/<int:pk>/merge/<int:duplicate_pk>/", views.merge, name="merge"),
    path("people/<int:pk>/not-duplicate/<int:duplicate_pk>/", views.not_duplicate, name="not_duplicate"),
    path("different-people/", views.not_duplicates, name="not_duplicates"),
    path(
        "different-people/<int:not_duplicate_pk>/remove/",
        views.remove_not_duplicate,
        name="remove_not_duplicate",
    ),
    path("merges/", views.merges, name="merges"),
    path("merges/<int:record_merge_pk>/", views.merge_detail, name="merge_detail"),
    path("merges/<int:record_merge_pk>/undo/", views.unmerge, name="unmerge"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<int:icb_transfer_pk>/", views.transfer, name="transfer"),
    path("people/<int:pk>/transfer/", views.propose_transfer, name="propose_transfer"),
    path("moved-away/", views.moved_away, name="moved_away"),
    path("people/<int:pk>/package/", views.make_package, name="make_package"),
    path("packages/receive/", views.receive_package, name="receive_package"),
    path("packages/schema.json", views.package_schema, name="package_schema"),
    path("packages/<int:transfer_package_pk>/", views.package, name="package"),
    path("packages/<int:transfer_package_pk>/package.json", views.package_json, name="package_json"),
    path("packages/<int:transfer_package_pk>/summary.pdf", views.package_pdf, name="package_pdf"),
]
