"""Teams, and the ICB's settings."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opendsr.accounts import queries, services
from opendsr.accounts.access import Action, requires
from opendsr.accounts.forms import IcbSettingsForm, TeamForm


@requires(Action.MANAGE_USERS)
def teams_view(request):
    teams = queries.teams_for(request.user)
    return render(request, "accounts/teams.jinja", {"teams": teams})


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def team_add_view(request):
    form = TeamForm(request.POST or None, organisations=queries.organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            team = services.add_team(by=request.user, request=request, **form.cleaned_data)
        except services.AccountError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"The team {team.name} has been added.")
            return redirect("accounts:teams")
    return render(request, "accounts/team_form.jinja", {"form": form, "team": None})


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def team_edit_view(request, team_pk):
    team = queries.team_for(request.user, team_pk)
    form = TeamForm(
        request.POST or None,
        initial={"name": team.name, "organisation": team.organisation_id},
        organisations=queries.organisations_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_team(by=request.user, team=team, request=request, **form.cleaned_data)
        except services.AccountError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, "The team has been saved.")
            return redirect("accounts:teams")
    members = queries.users_for(request.user, status="active").filter(team=team)
    return render(request, "accounts/team_form.jinja", {"form": form, "team": team, "members": members})


# ----------------------------------------------------------------------------------------------- ICB settings


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def settings_view(request):
    icb = request.user.icb
    form = IcbSettingsForm(
        request.POST or None,
        initial={
            "consent_age_rule": icb.consent_age_rule,
            "reminder_days_default": icb.reminder_days_default,
            "self_consent_age": icb.self_consent_age,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_icb_settings(by=request.user, request=request, **form.cleaned_data)
        except services.AccountError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, "The ICB settings are saved.")
            return redirect("accounts:settings")
    return render(request, "accounts/settings.jinja", {"form": form, "icb": icb})
