"""The daily reminder email: for each person who uses OpenDSR, what is overdue or due within their chosen number
of days, for the people they may see. Built from the same queries as "My work".

What is safe to email: a person's initials and a link that needs a log-in. Never a full name, an NHS number, a
diagnosis or a note: email leaves the service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import QuerySet
from django.template.loader import render_to_string

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.accounts.models import User
from opendsr.oversight.digest import digest_for
from opendsr.web.formatting import days_phrase, nhs_date
from opendsr.web.today import today as get_today


def initials(name: str) -> str:
    return "".join(part[0].upper() + "." for part in name.split() if part[:1].isalpha()) or "?"


@dataclass(frozen=True)
class Line:
    what: str
    who: str
    due: str
    when: str
    link: str


def _lines(items, today: dt.date, site: str) -> list[Line]:
    return [
        Line(
            what=item.label,
            who=initials(item.person_name),
            due=nhs_date(item.due),
            when=days_phrase((item.due - today).days),
            link=site + (item.person_url if item.person_url.startswith("/") else "/"),
        )
        for item in items
    ]


def recipients() -> QuerySet:
    return User.objects.filter(is_active=True, reminder_opt_out=False, icb__isnull=False).exclude(email="")


def message_for(user: User, today: dt.date) -> EmailMultiAlternatives | None:
    """The email for one user, or None when nothing is overdue or due within their days."""
    if not access.allowed(user, Action.VIEW_WORK):
        return None
    digest = digest_for(user, access.people_for(user), today)
    if digest.count == 0:
        return None
    site = settings.SITE_URL.rstrip("/")
    context = {
        "user": user,
        "overdue": _lines(digest.overdue, today, site),
        "upcoming": _lines(digest.upcoming, today, site),
        "days": user.reminder_days,
        "today": nhs_date(today),
        "work_url": site + "/work/",
        "settings_url": site + "/work/reminders/",
    }
    overdue = len(digest.overdue)
    subject = (
        f"OpenDSR: {overdue} overdue and {len(digest.upcoming)} due soon"
        if overdue
        else f"OpenDSR: {len(digest.upcoming)} due in the next {user.reminder_days} days"
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("oversight/email/reminder.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string("oversight/email/reminder.html", context), "text/html")
    return message


def send_reminders(*, today: dt.date | None = None) -> int:
    """Send each user their digest; returns how many emails were sent."""
    today = today or get_today()
    sent = 0
    for user in recipients().select_related("icb", "team").iterator():
        message = message_for(user, today)
        if message is not None:
            message.send()
            sent += 1
    return sent
