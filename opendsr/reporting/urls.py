from django.urls import path

from opendsr.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.figures_view, name="figures"),
    path("figures.<str:fmt>", views.figures_export_view, name="export"),
]
