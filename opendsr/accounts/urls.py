from django.urls import path

from opendsr.accounts.views import audit_log, passwords, sign_in, teams, users

app_name = "accounts"
urlpatterns = [
    path("login/", sign_in.login_view, name="login"),
    path("login/code/", sign_in.verify_view, name="verify"),
    path("login/set-up/", sign_in.setup_view, name="setup"),
    path("login/reset/", passwords.password_reset_view, name="password_reset"),
    path("login/password/<str:uidb64>/<str:token>/", passwords.set_password_view, name="set_password"),
    path("logout/", sign_in.logout_view, name="logout"),
    path("audit/", audit_log.audit_log_view, name="audit"),
    path("audit/export.csv", audit_log.audit_export_view, name="audit_export"),
    path("administration/users/", users.users_view, name="users"),
    path("administration/users/add/", users.user_add_view, name="user_add"),
    path("administration/users/<int:user_pk>/", users.user_view, name="user"),
    path("administration/users/<int:user_pk>/edit/", users.user_edit_view, name="user_edit"),
    path(
        "administration/users/<int:user_pk>/deactivate/", users.user_deactivate_view, name="user_deactivate"
    ),
    path(
        "administration/users/<int:user_pk>/reactivate/", users.user_reactivate_view, name="user_reactivate"
    ),
    path("administration/users/<int:user_pk>/send-link/", users.user_resend_view, name="user_resend"),
    path(
        "administration/users/<int:user_pk>/reset-security-code/",
        users.user_reset_code_view,
        name="user_reset_code",
    ),
    path("administration/teams/", teams.teams_view, name="teams"),
    path("administration/teams/add/", teams.team_add_view, name="team_add"),
    path("administration/teams/<int:team_pk>/", teams.team_edit_view, name="team_edit"),
    path("administration/settings/", teams.settings_view, name="settings"),
]
