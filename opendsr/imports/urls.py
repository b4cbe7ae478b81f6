"""The import pages, under /imports/."""

from django.urls import path

from opendsr.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.upload, name="upload"),
    path("<int:import_pk>/", views.detail, name="detail"),
    path("<int:import_pk>/columns/", views.map_columns, name="columns"),
    path("<int:import_pk>/report.<str:fmt>", views.report, name="report"),
    path("<int:import_pk>/undo/", views.undo, name="undo"),
]
