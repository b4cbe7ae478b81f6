"""Log in (password, then TOTP code), set up the second factor, and log out."""

import time

from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from opendsr.accounts import audit, queries, totp
from opendsr.accounts.forms import CodeForm, ConfirmPasswordForm, LoginForm

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


def _audit_attempt(request, email: str, action: str, summary: str) -> None:
    """A failed or locked log-in goes into the audit trail of the account it named (when there is one), so its
    ICB's DSR lead sees attempts on it. Nobody is logged in, so nobody else is named."""
    audit.record(
        queries.account_for_email(email),
        action,
        request=request,
        summary=summary,
        detail={"email": email[:254]},
    )


def _audit_failed_login(request, email: str) -> None:
    _audit_attempt(
        request, email, "login.failed", "A log-in failed: the email address or password was not right"
    )


def _password_checked(request) -> None:
    request.session["password_checked_at"] = time.time()


def _password_is_fresh(request) -> bool:
    checked = request.session.get("password_checked_at")
    return isinstance(checked, int | float) and 0 <= time.time() - checked <= PASSWORD_FRESH_FOR


def locked_out(request, credentials=None, *args, **kwargs):
    email = str((credentials or {}).get("email") or request.POST.get("email", ""))
    _audit_attempt(
        request, email, "login.locked_out", "Log-ins are locked for a time after too many failures"
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
