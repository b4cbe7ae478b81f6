"""Log in (password, then TOTP code), set up the second factor, log out, and the audit log."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from opendsr.accounts import audit, queries, services, totp
from opendsr.accounts.access import Action, requires
from opendsr.accounts.forms import (
    ROLE_HINTS,
    AuditSearchForm,
    CodeForm,
    ConfirmPasswordForm,
    IcbSettingsForm,
    LoginForm,
    PasswordResetRequestForm,
    SetPasswordForm,
    TeamForm,
    UserAddForm,
    UserEditForm,
    UserSearchForm,
)
from opendsr.web import exports
from opendsr.web.formatting import nhs_number

PAGE_SIZE = 50
# Setting up a new authenticator needs the password to have been entered this recently in the same session, so
# a session left open (a lost phone still logged in) cannot enrol one.
PASSWORD_FRESH_FOR = 15 * 60  # seconds


def _next_url(request, default="web:home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, email=form.cleaned_data["email"].lower(), password=form.cleaned_data["password"]
        )
        if user is None:
            if not getattr(request, "axes_locked_out", False):  # a lockout is audited by `locked_out`
                _audit_failed_login(request, form.cleaned_data["email"])
            form.add_error(None, "Your email address or password is not right. Check them and try again.")
        else:
            login(request, user)
            _password_checked(request)
            request.session["after_login"] = _next_url(request, "")
            audit.record(user, "login.password", request=request, summary="Password accepted")
            if totp.confirmed_device(user) is None:
                return redirect("accounts:setup")
            return redirect("accounts:verify")
    return render(request, "accounts/login.jinja", {"form": form, "next": request.GET.get("next", "")})


def _audit_failed_login(request, email: str) -> None:
    """A failed log-in goes into the audit trail of the account it named (when there is one), so its ICB's DSR
    lead sees attempts on it. Nobody is logged in, so nobody else is named."""
    audit.record(
        queries.account_for_email(email),
        "login.failed",
        request=request,
        summary="A log-in failed: the email address or password was not right",
        detail={"email": email[:254]},
    )


def _password_checked(request) -> None:
    request.session["password_checked_at"] = time.time()


def _password_is_fresh(request) -> bool:
    checked = request.session.get("password_checked_at")
    return isinstance(checked, int | float) and 0 <= time.time() - checked <= PASSWORD_FRESH_FOR


def locked_out(request, credentials=None, *args, **kwargs):
    email = str((credentials or {}).get("email") or request.POST.get("email", ""))
    audit.record(
        queries.account_for_email(email),
        "login.locked_out",
        request=request,
        summary="Log-ins are locked for a time after too many failures",
        detail={"email": email[:254]},
    )
    return render(request, "accounts/locked.jinja", status=429)


def _audit_wrong_code(request, step: str) -> None:
    audit.record(
        request.user,
        "login.code_wrong",
        request=request,
        summary=f"A wrong security code was entered ({step})",
    )


@require_http_methods(["GET", "POST"])
def verify_view(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    device = totp.confirmed_device(request.user)
    if device is None:
        return redirect("accounts:setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            audit.record(request.user, "login.verified", request=request, summary="Second factor accepted")
            return redirect(request.session.pop("after_login", "") or "web:home")
        _audit_wrong_code(request, "logging in")
        form.add_error("code", "The security code is not right or has expired. Enter the code shown now.")
    return render(request, "accounts/verify.jinja", {"form": form})


@require_http_methods(["GET", "POST"])
def setup_view(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if totp.confirmed_device(request.user) is not None:
        return redirect("accounts:verify")
    if not _password_is_fresh(request):
        return _confirm_password(request)
    device = totp.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(request.user, "login.second_factor_set_up", request=request)
            return redirect(request.session.pop("after_login", "") or "web:home")
        _audit_wrong_code(request, "setting up")
        form.add_error("code", "The security code is not right. Enter the code your app shows now.")
    return render(
        request,
        "accounts/setup.jinja",
        {"form": form, "qr_svg": totp.qr_svg(device), "secret": totp.secret_base32(device)},
    )


def _confirm_password(request):
    """Ask for the password again before a new authenticator is set up."""
    form = ConfirmPasswordForm(request.POST if "password" in request.POST else None)
    if form.is_bound and form.is_valid():
        user = authenticate(request, email=request.user.email, password=form.cleaned_data["password"])
        if user is not None and user.pk == request.user.pk:
            _password_checked(request)
            return redirect("accounts:setup")
        _audit_failed_login(request, request.user.email)
        form.add_error("password", "Your password is not right. Enter the password you log in with.")
    return render(request, "accounts/confirm_password.jinja", {"form": form})


@require_http_methods(["GET", "POST"])
def logout_view(request):
    if request.method == "POST":
        if request.user.is_authenticated:
            audit.record(request.user, "logout", request=request)
        logout(request)
        return render(request, "accounts/logged_out.jinja")
    return render(request, "accounts/logout.jinja")


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _site_url(request) -> str:
    """The address for links in emails: SITE_URL, never the Host header the request came with."""
    return settings.SITE_URL


# ---------------------------------------------------------------------------------------- forgotten password


@require_http_methods(["GET", "POST"])
def password_reset_view(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_password_reset(
            email=form.cleaned_data["email"], site_url=_site_url(request), request=request
        )
        return render(request, "accounts/password_reset_sent.jinja", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/password_reset.jinja", {"form": form})


@require_http_methods(["GET", "POST"])
def set_password_view(request, uidb64, token):
    user = services.user_for_link(uidb64, token)
    if user is None:
        return render(request, "accounts/set_password_invalid.jinja", status=404)
    form = SetPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.set_password(user=user, password=form.cleaned_data["password1"], request=request)
        if request.user.is_authenticated:
            logout(request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        _password_checked(request)
        messages.success(request, "Your password is set.")
        if totp.confirmed_device(user) is None:
            return redirect("accounts:setup")
        return redirect("accounts:verify")
    return render(request, "accounts/set_password.jinja", {"form": form, "account": user})


# ------------------------------------------------------------------------------------------------ audit log


def _audit_filters(request):
    form = AuditSearchForm(request.GET or None, actions=queries.audit_actions_for(request.user))
    filters = queries.AuditFilters()
    if form.is_bound and form.is_valid():
        filters = queries.AuditFilters(**form.cleaned_data)
    return form, filters


@requires(Action.VIEW_AUDIT)
def audit_log_view(request):
    form, filters = _audit_filters(request)
    events = queries.audit_events_for(request.user, filters)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        "the audit log",
        people=[event.person_id for event in page.object_list if event.person_id],
        filters={**{k: str(v) for k, v in filters.__dict__.items() if v}, "page": page.number},
    )
    return render(
        request,
        "accounts/audit_log.jinja",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "search": queries.describe_audit_search(filters, events),
        },
    )


@requires(Action.VIEW_AUDIT)
def audit_export_view(request):
    form, filters = _audit_filters(request)
    events = list(queries.audit_events_for(request.user, filters).iterator(chunk_size=2000))
    return exports.download(
        request,
        fmt=exports.CSV,
        name=f"opendsr-audit-{timezone.localtime():%Y-%m-%d}",
        columns=["When", "Who", "Action", "Summary", "Person", "NHS number", "Page"],
        rows=[
            [
                event.at,
                event.who,
                event.action,
                event.summary,
                event.person.full_name if event.person else "",
                nhs_number(event.person.nhs_number, "") if event.person else "",
                event.path,
            ]
            for event in events
        ],
        action="audit.exported",
        summary=f"Exported {len(events)} audit entr{'y' if len(events) == 1 else 'ies'}",
        people=[event.person_id for event in events],
        detail={"filters": {k: str(v) for k, v in filters.__dict__.items() if v}},
    )


# ------------------------------------------------------------------------------------------------------ users


@requires(Action.MANAGE_USERS)
def users_view(request):
    form = UserSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    users = queries.users_for(
        request.user,
        q=filters.get("q", ""),
        role=filters.get("role", ""),
        status=filters.get("status") or "active",
    )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/users.jinja",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


def _user_form_options(request) -> dict:
    return {
        "teams": queries.teams_for(request.user),
        "organisations": queries.organisations_for(request.user),
    }


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_add_view(request):
    form = UserAddForm(request.POST or None, **_user_form_options(request))
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite_user(
                by=request.user, site_url=_site_url(request), request=request, **form.cleaned_data
            )
        except services.AccountError as error:
            form.add_error(error.field or "email", str(error))
        else:
            messages.success(
                request,
                f"{user.display_name} has been added. We have emailed them a link to set their password.",
            )
            return redirect("accounts:user", user_pk=user.pk)
    return render(
        request, "accounts/user_form.jinja", {"form": form, "role_hints": ROLE_HINTS, "account": None}
    )


@requires(Action.MANAGE_USERS)
def user_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    return render(
        request,
        "accounts/user.jinja",
        {
            "account": account,
            "has_security_code": queries.has_security_code(account),
            "is_me": account.pk == request.user.pk,
        },
    )


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_edit_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    initial = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "role": account.role,
        "profession": account.profession,
        "team": account.team_id,
        "organisation": account.organisation_id if account.organisation_id != account.icb_id else None,
        "job_title": account.job_title,
    }
    form = UserEditForm(request.POST or None, initial=initial, **_user_form_options(request))
    is_me = account.pk == request.user.pk
    if is_me:
        form.fields["role"].help_text = "You cannot change your own role. Ask another DSR lead to do it."
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["organisation"] = data["organisation"] or request.user.icb
        try:
            services.update_user(by=request.user, user=account, request=request, **data)
        except services.AccountError as error:
            form.add_error(error.field or "role", str(error))
        else:
            messages.success(request, f"The changes to {account.display_name} are saved.")
            return redirect("accounts:user", user_pk=account.pk)
    return render(
        request,
        "accounts/user_form.jinja",
        {"form": form, "role_hints": ROLE_HINTS, "account": account, "is_me": is_me},
    )


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_deactivate_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    error = None
    if request.method == "POST":
        try:
            services.deactivate_user(by=request.user, user=account, request=request)
        except services.AccountError as problem:
            error = str(problem)
        else:
            messages.success(request, f"{account.display_name} can no longer log in. Their records stay.")
            return redirect("accounts:user", user_pk=account.pk)
    return render(
        request,
        "accounts/user_confirm.jinja",
        {
            "account": account,
            "error": error,
            "heading": f"Deactivate {account.display_name}?",
            "lead": "They will be logged out and will not be able to log in. Everything they recorded stays on the "
            "register and in the audit log. You can reactivate the account later.",
            "button_text": "Deactivate account",
            "warning": True,
        },
    )


@requires(Action.MANAGE_USERS)
@require_POST
def user_reactivate_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    services.reactivate_user(by=request.user, user=account, request=request)
    messages.success(request, f"{account.display_name} can log in again.")
    return redirect("accounts:user", user_pk=account.pk)


@requires(Action.MANAGE_USERS)
@require_POST
def user_resend_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    try:
        services.resend_invitation(
            by=request.user, user=account, site_url=_site_url(request), request=request
        )
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"We have emailed {account.email} a new link to set their password.")
    return redirect("accounts:user", user_pk=account.pk)


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_reset_code_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    if request.method == "POST":
        services.reset_second_factor(by=request.user, user=account, request=request)
        if account.pk == request.user.pk:
            # Their own sessions have ended, this one too: they log in again with their password.
            logout(request)
            return redirect("accounts:login")
        messages.success(
            request, f"{account.display_name} will set up a new security code the next time they log in."
        )
        return redirect("accounts:user", user_pk=account.pk)
    return render(
        request,
        "accounts/user_confirm.jinja",
        {
            "account": account,
            "heading": f"Reset the security code for {account.display_name}?",
            "lead": "Do this when someone has lost or replaced their phone. Their old authenticator app will stop "
            "working, they will be logged out everywhere, and they will set up a new one the next time they log "
            "in with their password.",
            "button_text": "Reset security code",
            "warning": True,
        },
    )


# ------------------------------------------------------------------------------------------------------ teams


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
