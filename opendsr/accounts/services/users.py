"""Inviting a user, changing them, deactivating and reactivating them, and resetting their second factor."""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendsr.accounts import audit
from opendsr.accounts.models import Organisation, Team, User
from opendsr.accounts.services.common import AccountError, _check_team, _same_icb, end_sessions
from opendsr.accounts.services.passwords import _link_lifetime, password_link

OWN_ROLE = "You cannot change your own role. Ask another DSR lead to do it."


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
        raise AccountError(OWN_ROLE, field="role")
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
