from django.urls import path

from opendsr.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.verify_view, name="verify"),
    path("login/set-up/", views.setup_view, name="setup"),
    path("login/reset/", views.password_reset_view, name="password_reset"),
    path("login/password/<str:uidb64>/<str:token>/", views.set_password_view, name="set_password"),
    path("logout/", views.logout_view, name="logout"),
    path("audit/", views.audit_log_view, name="audit"),
    path("audit/export.csv", views.audit_export_view, name="audit_export"),
    path("administration/users/", views.users_view, name="users"),
    path("administration/users/add/", views.user_add_view, name="user_add"),
    path("administration/users/<int:user_pk>/", views.user_view, name="user"),
    path("administration/users/<int:user_pk>/edit/", views.user_edit_view, name="user_edit"),
    path(
        "administration/users/<int:user_pk>/deactivate/", views.user_deactivate_view, name="user_deactivate"
    ),
    path(
        "administration/users/<int:user_pk>/reactivate/", views.user_reactivate_view, name="user_reactivate"
    ),
    path("administration/users/<int:user_pk>/send-link/", views.user_resend_view, name="user_resend"),
    path(
        "administration/users/<int:user_pk>/reset-security-code/",
        views.user_reset_code_view,
        name="user_reset_code",
    ),
    path("administration/teams/", views.teams_view, name="teams"),
    path("administration/teams/add/", views.team_add_view, name="team_add"),
    path("administration/teams/<int:team_pk>/", views.team_edit_view, name="team_edit"),
    path("administration/settings/", views.settings_view, name="settings"),
]
