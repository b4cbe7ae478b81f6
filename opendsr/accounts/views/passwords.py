"""A forgotten password: asking for a link, and setting a password from one."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from opendsr.accounts import services, totp
from opendsr.accounts.forms import PasswordResetRequestForm, SetPasswordForm
from opendsr.accounts.views.common import _site_url
from opendsr.accounts.views.sign_in import _password_checked


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
