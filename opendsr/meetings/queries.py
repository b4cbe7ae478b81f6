"""Reads that feed the meeting and escalation pages. Each takes the user and starts from their ICB, or from the
people `opendsr.accounts.access` lets them see; a record of another ICB is a 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.accounts.models import Organisation, OrganisationKind, User
from opendsr.meetings.models import (
    DsrMeeting,
    DsrMeetingAction,
    DsrMeetingMember,
    DsrMeetingStatus,
    Escalation,
    EscalationRule,
    EscalationStatus,
    SeniorManager,
    StandingMeeting,
)
from opendsr.register.models import RegisterStatus
from opendsr.web.params import whole_number


def _one(rows: QuerySet, pk):
    number = whole_number(pk)
    row = rows.filter(pk=number).first() if number is not None else None
    if row is None:
        raise Http404("Not found")
    return row


def standing_meetings(user: User) -> QuerySet:
    return StandingMeeting.objects.filter(icb_id=user.icb_id)


def standing_for(user: User, pk) -> StandingMeeting:
    return _one(standing_meetings(user), pk)


def member_for(user: User, pk) -> DsrMeetingMember:
    return _one(DsrMeetingMember.objects.filter(standing__icb_id=user.icb_id).select_related("standing"), pk)


def meetings(user: User) -> QuerySet:
    return DsrMeeting.objects.filter(icb_id=user.icb_id).select_related("standing", "chair")


def upcoming_and_past(user: User, today) -> tuple[list, list]:
    rows = meetings(user).exclude(status=DsrMeetingStatus.CANCELLED)
    upcoming = list(rows.filter(status=DsrMeetingStatus.SCHEDULED).order_by("date", "pk"))
    past = list(rows.filter(status=DsrMeetingStatus.HELD).order_by("-date", "-pk")[:20])
    return upcoming, past


def meeting_for(user: User, pk) -> DsrMeeting:
    return _one(meetings(user), pk)


def colleagues(user: User) -> QuerySet:
    """The active users of this ICB: members, chairs and action owners are chosen from them."""
    return User.objects.filter(icb_id=user.icb_id, is_active=True).order_by(
        "last_name", "first_name", "email"
    )


def possible_managers(user: User) -> QuerySet:
    """Colleagues whose role lets them see escalations: only they can be named senior managers."""
    roles = [role for role, actions in access.PERMISSIONS.items() if Action.VIEW_ESCALATIONS in actions]
    return colleagues(user).filter(role__in=roles)


def people_to_add(user: User) -> QuerySet:
    return access.people_for(user).exclude(status=RegisterStatus.LEFT).order_by("family_name", "given_name")


def action_for(user: User, pk) -> DsrMeetingAction:
    rows = DsrMeetingAction.objects.filter(person__in=access.people_for(user).values("pk")).select_related(
        "person", "item__meeting__standing"
    )
    return _one(rows, pk)


def actions_for_item(item) -> list:
    return list(item.actions.order_by("due", "pk")) if item is not None and item.pk else []


# ---------------------------------------------------------------------------------------------- escalation


def is_lead(user: User) -> bool:
    return access.allowed(user, Action.MANAGE_SETTINGS)


def _visible_escalations(user: User) -> QuerySet:
    return Escalation.objects.filter(
        icb_id=user.icb_id, person__in=access.people_for(user).values("pk")
    ).select_related("person", "manager__user", "manager__organisation", "rule")


def escalations(
    user: User, *, status: str = "", whose: str = "", level: str = "", urgent: str = ""
) -> QuerySet:
    """The DSR lead's list has every escalation of the ICB (or only their own); anyone else's has those with
    them."""
    rows = _visible_escalations(user)
    if not is_lead(user) or whose == "mine":
        rows = rows.filter(manager__user=user)
    if status == "all":
        pass
    elif status in EscalationStatus.values:
        rows = rows.filter(status=status)
    else:
        rows = rows.exclude(status=EscalationStatus.CLOSED)
    if whole_number(level) is not None:
        rows = rows.filter(level=whole_number(level))
    if urgent in ("yes", "no"):
        rows = rows.filter(urgent=urgent == "yes")
    return rows.order_by("status", "acknowledge_by", "pk")


def escalation_for(user: User, pk) -> Escalation:
    """Anyone who may see escalations and the person may read one; only its manager or the lead act on it."""
    return _one(_visible_escalations(user), pk)


def managers(user: User) -> QuerySet:
    return (
        SeniorManager.objects.filter(icb_id=user.icb_id)
        .select_related("user", "organisation")
        .order_by("organisation__name", "level", "pk")
    )


def manager_for(user: User, pk) -> SeniorManager:
    return _one(managers(user), pk)


def my_manager_roles(user: User) -> QuerySet:
    return SeniorManager.objects.filter(icb_id=user.icb_id, user=user, active=True)


def manager_organisations(user: User) -> QuerySet:
    return Organisation.objects.filter(pk=user.icb_id) | Organisation.objects.filter(
        icb_id=user.icb_id, kind=OrganisationKind.LOCAL_AUTHORITY
    )


def rules(user: User) -> QuerySet:
    return EscalationRule.objects.filter(icb_id=user.icb_id)


def rule_for(user: User, pk) -> EscalationRule:
    return _one(rules(user), pk)
