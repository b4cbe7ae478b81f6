from django.urls import path

from opendsr.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.figures_view, name="figures"),
    path("figures.<str:fmt>", views.figures_export_view, name="export"),
    path("inpatients.<str:fmt>", views.inpatients_export_view, name="inpatients"),
    path("settings/", views.settings_view, name="settings"),
    path("region/", views.region_view, name="region"),
    path("region/figures.<str:fmt>", views.region_export_view, name="region_export"),
    path("returns/", views.returns_view, name="returns"),
    path("returns/<int:monthlyreturn_pk>/", views.return_view, name="return"),
    path("returns/<int:monthlyreturn_pk>.<str:fmt>", views.return_export_view, name="return_export"),
]
