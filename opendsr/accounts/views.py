"""Log in (password, then TOTP code), set up the second factor, log out, and the audit log."""

from django.contrib.auth import authenticate, login, logout
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from opendsr.accounts import access, audit, totp
from opendsr.accounts.forms import AuditSearchForm, CodeForm, LoginForm
from opendsr.accounts.models import AuditEvent


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
            form.add_error(None, "Your email address or password is not right. Check them and try again.")
        else:
            login(request, user)
            request.session["after_login"] = _next_url(request, "")
            audit.record(user, "login.password", request=request, summary="Password accepted")
            if totp.confirmed_device(user) is None:
                return redirect("accounts:setup")
            return redirect("accounts:verify")
    return render(request, "accounts/login.jinja", {"form": form, "next": request.GET.get("next", "")})


def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "accounts/locked.jinja", status=429)


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
        form.add_error("code", "The security code is not right or has expired. Enter the code shown now.")
    return render(request, "accounts/verify.jinja", {"form": form})


@require_http_methods(["GET", "POST"])
def setup_view(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    if totp.confirmed_device(request.user) is not None:
        return redirect("accounts:verify")
    device = totp.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.record(request.user, "login.second_factor_set_up", request=request)
            return redirect(request.session.pop("after_login", "") or "web:home")
        form.add_error("code", "The security code is not right. Enter the code your app shows now.")
    return render(
        request,
        "accounts/setup.jinja",
        {"form": form, "qr_svg": totp.qr_svg(device), "secret": totp.secret_base32(device)},
    )


@require_http_methods(["GET", "POST"])
def logout_view(request):
    if request.method == "POST":
        if request.user.is_authenticated:
            audit.record(request.user, "logout", request=request)
        logout(request)
        return render(request, "accounts/logged_out.jinja")
    return render(request, "accounts/logout.jinja")


def audit_log_view(request):
    access.require(request.user, access.Action.VIEW_AUDIT)
    form = AuditSearchForm(request.GET or None)
    events = AuditEvent.objects.filter(icb_id=request.user.icb_id).select_related("person", "user")
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if q:
            events = events.filter(
                Q(user_label__icontains=q)
                | Q(action__icontains=q)
                | Q(summary__icontains=q)
                | Q(person__family_name__icontains=q)
                | Q(person__given_name__icontains=q)
                | Q(person__nhs_number=q.replace(" ", ""))
            )
        if form.cleaned_data["action"]:
            events = events.filter(action=form.cleaned_data["action"])
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit_log.jinja",
        {"form": form, "page": page, "query": query.urlencode()},
    )
