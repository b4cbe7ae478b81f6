from django.urls import path

from opendsr.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.verify_view, name="verify"),
    path("login/set-up/", views.setup_view, name="setup"),
    path("logout/", views.logout_view, name="logout"),
    path("audit/", views.audit_log_view, name="audit"),
]
