"""Locking out repeated failed log-ins, with a limit for each way of counting them.

django-axes counts failures for each entry of AXES_LOCKOUT_PARAMETERS (an email address from one address, an
email address from anywhere, one address against any email address) and compares the largest count with one
limit. Guessing one person's password and trying one password on many people's accounts need different limits,
so this handler measures each count against its own limit.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def limits() -> dict[str, int]:
    """The failure limit for each way of counting, keyed by what is counted."""
    return {
        "username,ip_address": settings.AXES_FAILURE_LIMIT,
        "username": settings.AXES_FAILURE_LIMIT_PER_EMAIL,
        "ip_address": settings.AXES_FAILURE_LIMIT_PER_ADDRESS,
    }


def _key(parameter) -> str:
    return parameter if isinstance(parameter, str) else ",".join(parameter)


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures counted against the tightest limit, shifted onto AXES_FAILURE_LIMIT's scale.

        django-axes locks when this reaches AXES_FAILURE_LIMIT. A count that has `n` failures to go before its
        own limit is returned as AXES_FAILURE_LIMIT - n, so the lock comes exactly when any one count reaches
        its own limit."""
        base = get_failure_limit(request, credentials)
        own_limits = limits()
        worst = 0
        for parameter, attempts in zip(
            settings.AXES_LOCKOUT_PARAMETERS, self.get_user_attempts(request, credentials), strict=True
        ):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            limit = own_limits.get(_key(parameter), base)
            worst = max(worst, count - limit + base)
        return worst

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful log-in, forget only this email address's failures from this address.

        Failures on other accounts from the same address stay counted, so that logging in to one's own account
        does not clear a run of attempts on other people's accounts."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count
