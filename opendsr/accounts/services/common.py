"""What the account writes share: the error they raise, the rule that a professional needs a team, the ICB
an action stays within, and ending a user's sessions."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opendsr.accounts.models import Organisation, Role, Team, User


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
