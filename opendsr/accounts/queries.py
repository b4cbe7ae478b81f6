"""Reads about accounts that feed pages. Every query starts from the user's own ICB."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from opendsr.accounts.models import AuditEvent, Organisation, Team, User, action_label
from opendsr.web.params import whole_number


def users_for(viewer: User, *, q: str = "", role: str = "", status: str = "active") -> QuerySet:
    users = User.objects.filter(icb_id=viewer.icb_id).select_related("team", "organisation")
    q = q.strip()
    if q:
        for word in q.split():
            users = users.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(job_title__icontains=word)
            )
    if role:
        users = users.filter(role=role)
    if status == "active":
        users = users.filter(is_active=True)
    elif status == "deactivated":
        users = users.filter(is_active=False)
    return users


def user_for(viewer: User, pk) -> User:
    """A user of the viewer's ICB, or 404: users of other ICBs do not exist here."""
    user = (
        User.objects.filter(icb_id=viewer.icb_id, pk=pk).select_related("team").first()
        if (pk := whole_number(pk)) is not None
        else None
    )
    if user is None or viewer.icb_id is None:
        raise Http404("No such user")
    return user


def teams_for(viewer: User) -> QuerySet:
    return (
        Team.objects.filter(icb_id=viewer.icb_id)
        .select_related("organisation")
        .annotate(
            member_count=Count("members", filter=Q(members__is_active=True), distinct=True),
        )
    )


def team_for(viewer: User, pk) -> Team:
    pk = whole_number(pk)
    team = Team.objects.filter(icb_id=viewer.icb_id, pk=pk).first() if pk is not None else None
    if team is None or viewer.icb_id is None:
        raise Http404("No such team")
    return team


def organisations_for(viewer: User) -> QuerySet:
    """The viewer's ICB and its partner organisations (councils, providers, schools)."""
    return Organisation.objects.filter(Q(pk=viewer.icb_id) | Q(icb_id=viewer.icb_id)).order_by("kind", "name")


def account_for_email(email: str) -> User | None:
    """The account with this email address (any ICB, active or not), or None: for the audit trail of a log-in
    attempt, never for a page."""
    email = (email or "").strip()
    return User.objects.filter(email__iexact=email).first() if email else None


def has_security_code(user: User) -> bool:
    from opendsr.accounts import totp

    return totp.confirmed_device(user) is not None


# ------------------------------------------------------------------------------------------------ audit log


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    person: str = ""  # NHS number or name
    user: str = ""  # email or name
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def audit_events_for(viewer: User, filters: AuditFilters) -> QuerySet:
    events = AuditEvent.objects.filter(icb_id=viewer.icb_id).select_related("person", "user")
    if filters.action:
        events = events.filter(action=filters.action)
    person = filters.person.strip()
    if person:
        digits = person.replace(" ", "")
        if digits.isdigit():
            events = events.filter(person__nhs_number=digits)
        else:
            for word in person.split():
                events = events.filter(
                    Q(person__given_name__icontains=word)
                    | Q(person__family_name__icontains=word)
                    | Q(person__preferred_name__icontains=word)
                )
    who = filters.user.strip()
    if who:
        for word in who.split():
            events = events.filter(
                Q(user_label__icontains=word)
                | Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
            )
    tz = timezone.get_current_timezone()
    if filters.date_from:
        events = events.filter(at__gte=dt.datetime.combine(filters.date_from, dt.time.min, tzinfo=tz))
    if filters.date_to:
        events = events.filter(
            at__lt=dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    return events


def _only(events: QuerySet, field: str):
    """The one value of `field` across the events, or None when there are none or several."""
    values = list(events.order_by().values_list(field, flat=True).distinct()[:2])
    return values[0] if len(values) == 1 else None


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"  # as web.formatting.nhs_date, which sits above accounts


def _period(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        if start == end:
            return f"on {_day(start)}"
        next_month = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        if start.day == 1 and end == next_month - dt.timedelta(days=1):
            return f"in {start:%B %Y}"
        return f"from {_day(start)} to {_day(end)}"
    if start:
        return f"from {_day(start)}"
    if end:
        return f"up to {_day(end)}"
    return ""


def describe_audit_search(filters: AuditFilters, events: QuerySet) -> str:
    """The search in words, for example "Showing changes to Jo Bloggs's record by Sam Smith in March 2027".

    A name or NHS number that matched one person's record (or one user) is shown as their name."""
    words = [f"Showing “{action_label(filters.action)}” entries" if filters.action else "Showing all entries"]
    if filters.person.strip():
        person_id = _only(events, "person_id")
        if person_id is not None:
            words.append(f"about {events.filter(person_id=person_id).first().person.full_name}'s record")
        else:
            words.append(f"about records matching “{filters.person.strip()}”")
    if filters.user.strip():
        user_id = _only(events, "user_id")
        if user_id is not None:
            words.append(f"by {events.filter(user_id=user_id).first().who}")
        else:
            words.append(f"by people matching “{filters.user.strip()}”")
    period = _period(filters.date_from, filters.date_to)
    return " ".join([*words, period] if period else words) + "."


def audit_actions_for(viewer: User) -> list[str]:
    """The actions that appear in this ICB's audit log, for the filter."""
    return list(
        AuditEvent.objects.filter(icb_id=viewer.icb_id)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )
