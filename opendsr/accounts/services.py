"""Writes about accounts: one function per thing a DSR lead (or someone who forgot a password) does.

Every function takes keyword arguments, runs in one transaction and writes an audit line. Nothing here ever
deletes a user or a team: people who leave are deactivated, so the history of what they did stays readable.
A lead acts only within their own ICB; the views find records through `queries`, which are scoped the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendsr.accounts import audit
from opendsr.accounts.models import SELF_CONSENT_AGES, Organisation, Role, Team, User


class AccountError(Exception):
    """A change that cannot be made, with a message to show the user and the field it is about."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


PROFESSIONAL_NEEDS_A_TEAM = "Select a team: a professional sees only the people in their team"


def team_problem(role: str, team: Team | None) -> str | None:
    """What is wrong with giving this role this team, if anything. A professional contributor sees only the
    people of their team (the access rule in `access.py`), so one without a team would see nobody."""
    if role == Role.PROFESSIONAL and team is None:
        return PROFESSIONAL_NEEDS_A_TEAM
    return None


def _check_team(role: str, team: Team | None) -> None:
    problem = team_problem(role, team)
    if problem:
        raise AccountError(problem, field="team")


def _same_icb(by: User, *objects) -> None:
    for obj in objects:
        if obj is None:
            continue
        icb_id = obj.pk if isinstance(obj, Organisation) and obj.icb_id is None else obj.icb_id
        if icb_id != by.icb_id:
            raise PermissionDenied


def end_sessions(user: User) -> int:
    """Log the user out everywhere: every browser (and lost phone) holding a session for them must log in
    again, with their password. Returns how many sessions ended."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended


# ---------------------------------------------------------------------------------------------- set-password


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


def _send_invitation(user: User, *, by: User, site_url: str) -> None:
    icb = by.icb.name if by.icb else "your ICB"
    send_mail(
        subject="Your OpenDSR account",
        message=(
            f"Hello {user.first_name or user.email},\n\n"
            f"{by.display_name} has given you an account on OpenDSR, the dynamic support register for {icb}.\n\n"
            f"Set your password with this link. It works once, for {_link_lifetime()}:\n"
            f"{password_link(user, site_url=site_url)}\n\n"
            "You will then set up a security code on your phone (an authenticator app), which you will use "
            "each time you log in.\n\n"
            "If you were not expecting this email, tell your DSR lead.\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )


# ------------------------------------------------------------------------------------------------------ users


@transaction.atomic
def invite_user(
    *,
    by: User,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    profession: str = "",
    team: Team | None = None,
    organisation: Organisation | None = None,
    job_title: str = "",
    site_url: str,
    request=None,
) -> User:
    """Add a user to the lead's ICB and email them a one-time link to set their password."""
    _same_icb(by, team, organisation)
    _check_team(role, team)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError("There is already an account with this email address", field="email")
    user = User.objects.create_user(
        email,
        None,  # an unusable password until they set one from the link
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        profession=profession,
        team=team,
        job_title=job_title.strip(),
        icb=by.icb,
        organisation=organisation or by.icb,
        reminder_days=by.icb.reminder_days_default,
    )
    audit.record(
        by,
        "user.added",
        request=request,
        summary=f"Added {user.email} as {user.get_role_display()}",
        detail={"user_id": user.pk, "role": role},
    )
    _send_invitation(user, by=by, site_url=site_url)
    return user


@transaction.atomic
def resend_invitation(*, by: User, user: User, site_url: str, request=None) -> None:
    _same_icb(by, user)
    if not user.is_active:
        raise AccountError("This account is deactivated. Reactivate it first.")
    audit.record(
        by, "user.invitation_sent", request=request, summary=f"Sent a set-password link to {user.email}"
    )
    _send_invitation(user, by=by, site_url=site_url)


@transaction.atomic
def update_user(
    *,
    by: User,
    user: User,
    role: str,
    team: Team | None,
    profession: str = "",
    job_title: str = "",
    first_name: str | None = None,
    last_name: str | None = None,
    organisation: Organisation | None = None,
    request=None,
) -> User:
    """Change a user's role, team and details. Nobody changes their own role: another lead must."""
    _same_icb(by, user, team, organisation)
    if user.pk == by.pk and role != user.role:
        raise AccountError("You cannot change your own role. Ask another DSR lead to do it.", field="role")
    _check_team(role, team)
    before = {"role": user.role, "team_id": user.team_id}
    user.role = role
    user.team = team
    user.profession = profession
    user.job_title = job_title.strip()
    if first_name is not None:
        user.first_name = first_name.strip()
    if last_name is not None:
        user.last_name = last_name.strip()
    if organisation is not None:
        user.organisation = organisation
    user.save()
    changes = []
    if before["role"] != role:
        changes.append(f"role to {user.get_role_display()}")
    if before["team_id"] != user.team_id:
        changes.append(f"team to {user.team.name if user.team else 'no team'}")
    audit.record(
        by,
        "user.changed",
        request=request,
        summary=f"Changed {user.email}" + (": " + ", ".join(changes) if changes else ""),
        detail={"user_id": user.pk, "before": before, "role": role, "team_id": user.team_id},
    )
    return user


@transaction.atomic
def deactivate_user(*, by: User, user: User, request=None) -> User:
    """Stop someone logging in. Their account and everything they recorded stay."""
    _same_icb(by, user)
    if user.pk == by.pk:
        raise AccountError("You cannot deactivate your own account")
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = end_sessions(user)
    audit.record(
        by,
        "user.deactivated",
        request=request,
        summary=f"Deactivated {user.email}",
        detail={"user_id": user.pk, "sessions_ended": ended},
    )
    return user


@transaction.atomic
def reactivate_user(*, by: User, user: User, request=None) -> User:
    _same_icb(by, user)
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(
        by,
        "user.reactivated",
        request=request,
        summary=f"Reactivated {user.email}",
        detail={"user_id": user.pk},
    )
    return user


@transaction.atomic
def reset_second_factor(*, by: User, user: User, request=None) -> int:
    """Remove a user's authenticator devices, so they set one up again at their next log-in (a lost phone).

    Every session they have ends too: a lost phone that is still logged in must not be able to set up a new
    authenticator without the password. Devices are keys, not anyone's record, so they are deleted; the audit
    trail keeps that it happened."""
    _same_icb(by, user)
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    ended = end_sessions(user)
    audit.record(
        by,
        "user.second_factor_reset",
        request=request,
        summary=f"Reset the security code for {user.email}",
        detail={"user_id": user.pk, "devices_removed": removed, "sessions_ended": ended},
    )
    return removed


# ------------------------------------------------------------------------------------------------------ teams


@transaction.atomic
def add_team(*, by: User, name: str, organisation: Organisation | None = None, request=None) -> Team:
    _same_icb(by, organisation)
    name = name.strip()
    if Team.objects.filter(icb_id=by.icb_id, name__iexact=name).exists():
        raise AccountError("There is already a team with this name")
    team = Team.objects.create(name=name, icb=by.icb, organisation=organisation)
    audit.record(
        by, "team.added", request=request, summary=f"Added the team {name}", detail={"team_id": team.pk}
    )
    return team


@transaction.atomic
def rename_team(
    *, by: User, team: Team, name: str, organisation: Organisation | None = None, request=None
) -> Team:
    _same_icb(by, team, organisation)
    name = name.strip()
    if Team.objects.filter(icb_id=by.icb_id, name__iexact=name).exclude(pk=team.pk).exists():
        raise AccountError("There is already a team with this name")
    before = team.name
    team.name = name
    team.organisation = organisation
    team.save()
    audit.record(
        by,
        "team.changed",
        request=request,
        summary=f"Renamed the team {before} to {name}" if before != name else f"Changed the team {name}",
        detail={"team_id": team.pk, "before": before},
    )
    return team


# --------------------------------------------------------------------------------------------- ICB settings


# The rooms above accounts act on a change to an ICB's settings (the register recomputes its people's
# obligations when the self-consent age changes): each registers a listener at start-up, in its AppConfig.ready,
# called in the same transaction as the change with the ICB and {setting: (before, after)}.
SettingsListener = Callable[..., None]
_settings_listeners: list[SettingsListener] = []


def on_icb_settings_changed(listener: SettingsListener) -> None:
    if listener not in _settings_listeners:
        _settings_listeners.append(listener)


@transaction.atomic
def update_icb_settings(
    *,
    by: User,
    consent_age_rule: str,
    reminder_days_default: int,
    self_consent_age: int | None = None,
    request=None,
):
    icb = Organisation.objects.select_for_update().get(pk=by.icb_id)
    if self_consent_age is None:
        self_consent_age = icb.self_consent_age
    if self_consent_age not in SELF_CONSENT_AGES:
        raise AccountError(
            f"The age from which people give consent themselves must be between {SELF_CONSENT_AGES[0]} "
            f"and {SELF_CONSENT_AGES[-1]}",
            field="self_consent_age",
        )
    before = {
        "consent_age_rule": icb.consent_age_rule,
        "reminder_days_default": icb.reminder_days_default,
        "self_consent_age": icb.self_consent_age,
    }
    icb.consent_age_rule = consent_age_rule
    icb.reminder_days_default = reminder_days_default
    icb.self_consent_age = self_consent_age
    icb.save()
    after = {
        "consent_age_rule": consent_age_rule,
        "reminder_days_default": reminder_days_default,
        "self_consent_age": self_consent_age,
    }
    audit.record(
        by,
        "settings.changed",
        request=request,
        summary="Changed the ICB settings",
        detail={
            "before": before,
            "consent_age_rule": consent_age_rule,
            "reminder_days": reminder_days_default,
            "self_consent_age": self_consent_age,
        },
    )
    changed = {name: (before[name], after[name]) for name in before if before[name] != after[name]}
    if changed:
        for listener in _settings_listeners:
            listener(icb=icb, changed=changed)
    return icb


# ---------------------------------------------------------------------------------------- forgotten password


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
