"""Set-password links, for a new account or a forgotten password, and setting the password."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from opendsr.accounts import audit
from opendsr.accounts.models import User


def password_link(user: User, *, site_url: str) -> str:
    """A one-time link to set a password. It stops working once the password is set (Django's token
    includes the password hash and last log-in) or after PASSWORD_RESET_TIMEOUT."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_url.rstrip("/") + reverse("accounts:set_password", kwargs={"uidb64": uid, "token": token})


def user_for_link(uidb64: str, token: str) -> User | None:
    """The active user a set-password link belongs to, or None when the link is wrong, used or expired."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def _link_lifetime() -> str:
    days = max(1, round(settings.PASSWORD_RESET_TIMEOUT / 86400))
    return f"{days} day{'s' if days != 1 else ''}"


@transaction.atomic
def request_password_reset(*, email: str, site_url: str, request=None) -> bool:
    """Email a set-password link if an active account has this address. Says nothing either way to the
    person asking (the page always reads the same), so nobody can find out who has an account."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return False
    audit.record(user, "password.reset_requested", request=request, summary="Asked for a set-password link")
    send_mail(
        subject="Reset your OpenDSR password",
        message=(
            f"Hello {user.first_name or user.email},\n\n"
            "Someone asked to reset the password for your OpenDSR account. If it was you, use this link. "
            f"It works once, for {_link_lifetime()}:\n"
            f"{password_link(user, site_url=site_url)}\n\n"
            "If it was not you, you can ignore this email: your password has not changed.\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )
    return True


@transaction.atomic
def set_password(*, user: User, password: str, request=None) -> User:
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(user, "password.set", request=request, summary="Set a new password")
    return user
