"""Writes about accounts: one function per thing a DSR lead (or someone who forgot a password) does.

Every function takes keyword arguments, runs in one transaction and writes an audit line. Nothing here ever
deletes a user or a team: people who leave are deactivated, so the history of what they did stays readable.
A lead acts only within their own ICB; the views find records through `queries`, which are scoped the same way.

They are in a module for each step: `users`, `teams`, `icb_settings` and `passwords`; what they share (and the
rule that a professional needs a team) is in `common`. Every public name is importable from here.
"""

from opendsr.accounts.services.common import (
    PROFESSIONAL_NEEDS_A_TEAM,
    AccountError,
    end_sessions,
    team_problem,
)
from opendsr.accounts.services.icb_settings import (
    SettingsListener,
    on_icb_settings_changed,
    update_icb_settings,
)
from opendsr.accounts.services.passwords import (
    password_link,
    request_password_reset,
    set_password,
    user_for_link,
)
from opendsr.accounts.services.teams import add_team, rename_team
from opendsr.accounts.services.users import (
    deactivate_user,
    invite_user,
    reactivate_user,
    resend_invitation,
    reset_second_factor,
    update_user,
)

__all__ = [
    "PROFESSIONAL_NEEDS_A_TEAM",
    "AccountError",
    "SettingsListener",
    "add_team",
    "deactivate_user",
    "end_sessions",
    "invite_user",
    "on_icb_settings_changed",
    "password_link",
    "reactivate_user",
    "request_password_reset",
    "rename_team",
    "reset_second_factor",
    "resend_invitation",
    "set_password",
    "team_problem",
    "update_icb_settings",
    "update_user",
    "user_for_link",
]
