"""Reads for the ICS oversight panel's pages: its members, its meetings (always the user's own ICB's), each
meeting's agenda, the warnings the policy asks for (s18), and the papers for each person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from opendsr.accounts.models import Role, User
from opendsr.inpatients.queries import discharge_plan_for
from opendsr.oversight import panel_list
from opendsr.oversight.ics_panel import rules
from opendsr.oversight.ics_panel.models import (
    MeetingStatus,
    OversightPanelMember,
    OversightRole,
    PanelAction,
    PanelItem,
    PanelMeeting,
)
from opendsr.policy import age_on
from opendsr.register.contributions import among
from opendsr.register.models import Person, RegisterStatus
from opendsr.reviews.models import Review
from opendsr.web.formatting import nhs_date, timescales
from opendsr.web.params import whole_number

# How often the panel meets (s18), in the policy's words, read from the policy core.
MEETS, GAP = timescales()["panel_meets"], timescales()["panel_gap"]

# ------------------------------------------------------------------------------------------- members


def members_of(icb_id: int, *, on: dt.date | None = None) -> QuerySet:
    """The panel's members (on a date: those who had not left by then)."""
    members = OversightPanelMember.objects.filter(icb_id=icb_id)
    if on is not None:
        members = members.filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
    return members.order_by("-is_chair", "name", "pk")


def member_for(user: User, pk) -> OversightPanelMember:
    member = OversightPanelMember.objects.filter(icb_id=user.icb_id, pk=whole_number(pk, default=0)).first()
    if member is None:
        raise Http404("No such panel member")
    return member


def role_label(role: str) -> str:
    return OversightRole(role).label if role in OversightRole.values else role


def membership_warnings(icb_id: int, today: dt.date) -> list[str]:
    """The s18 roles the panel's current membership lacks."""
    roles = members_of(icb_id, on=today).values_list("role", flat=True)
    return [f"The panel has no {_lower(role_label(role))}" for role in rules.missing_roles(roles)]


def _lower(label: str) -> str:
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def owners_for(user: User) -> QuerySet:
    """Who can own a panel action in OpenDSR: the active users of the ICB who have a work queue."""
    return User.objects.filter(icb_id=user.icb_id, is_active=True).exclude(
        role__in=[Role.ANALYST, Role.PANEL_MEMBER]
    )


# ------------------------------------------------------------------------------------------- meetings


def meetings_for(user: User) -> QuerySet:
    return PanelMeeting.objects.filter(icb_id=user.icb_id).select_related("chair")


def meeting_for(user: User, pk) -> PanelMeeting:
    """A meeting of the user's own ICB, or 404."""
    meeting = meetings_for(user).filter(pk=whole_number(pk, default=0)).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def item_for(user: User, pk) -> PanelItem:
    item = (
        PanelItem.objects.filter(meeting__icb_id=user.icb_id, pk=whole_number(pk, default=0))
        .select_related("meeting", "person")
        .first()
    )
    if item is None:
        raise Http404("No such agenda item")
    return item


def action_for(user: User, pk) -> PanelAction:
    action = (
        PanelAction.objects.filter(item__meeting__icb_id=user.icb_id, pk=whole_number(pk, default=0))
        .select_related("item__meeting", "person")
        .first()
    )
    if action is None:
        raise Http404("No such action")
    return action


def next_meeting(icb_id: int, today: dt.date) -> PanelMeeting | None:
    """The ICB's next scheduled meeting, today or later."""
    return (
        PanelMeeting.objects.filter(icb_id=icb_id, status=MeetingStatus.SCHEDULED, date__gte=today)
        .order_by("date", "pk")
        .first()
    )


def next_meeting_for_person(person_id: int, today: dt.date) -> PanelMeeting | None:
    icb_id = Person.objects.filter(pk=person_id).values_list("icb_id", flat=True).first()
    return next_meeting(icb_id, today) if icb_id is not None else None


def last_held(
    icb_id: int, *, before: dt.date | None = None, excluding: int | None = None
) -> PanelMeeting | None:
    meetings = PanelMeeting.objects.filter(icb_id=icb_id).exclude(status=MeetingStatus.CANCELLED)
    if before is not None:
        meetings = meetings.filter(date__lt=before)
    else:
        meetings = meetings.filter(status=MeetingStatus.HELD)
    if excluding is not None:
        meetings = meetings.exclude(pk=excluding)
    return meetings.order_by("-date", "-pk").first()


def schedule_warnings(icb_id: int, today: dt.date) -> list[str]:
    """s18, the panel meeting at least every `PANEL_REVIEW`: warn when no meeting is planned within three months
    of the last one, or when the meetings planned leave a gap of more than three months."""
    dates = list(
        PanelMeeting.objects.filter(icb_id=icb_id)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date")
        .values_list("date", flat=True)
    )
    warnings = []
    for earlier, later, limit in rules.gaps_between(dates):
        warnings.append(
            f"The meeting on {nhs_date(later)} is more than {GAP} after the one on {nhs_date(earlier)}: "
            f"the panel must meet at least {MEETS}, so the next should be by {nhs_date(limit)}"
        )
    if dates:
        latest = max(dates)
        limit = rules.latest_next_date(latest)
        if latest <= today or limit < today:
            warnings.append(
                f"No meeting is scheduled after {nhs_date(latest)}: the panel must meet at least {MEETS}, "
                f"so the next should be by {nhs_date(limit)}"
            )
    return warnings


def meeting_warnings(meeting: PanelMeeting, today: dt.date) -> list[str]:
    """What the policy asks of this meeting that it lacks: the s18 roles among who came (once recorded) or
    among the members, and a gap of more than three months since the meeting before."""
    warnings = []
    attended = list(meeting.attendance.filter(removed_at__isnull=True).values_list("member__role", flat=True))
    if meeting.status == MeetingStatus.HELD and attended:
        for role in rules.missing_roles(attended):
            warnings.append(f"No {_lower(role_label(role))} was at this meeting")
    else:
        roles = members_of(meeting.icb_id, on=meeting.date).values_list("role", flat=True)
        for role in rules.missing_roles(roles):
            warnings.append(f"The panel has no {_lower(role_label(role))}")
    previous = last_held(meeting.icb_id, before=meeting.date, excluding=meeting.pk)
    if previous is not None and rules.quarterly_gap(previous.date, meeting.date):
        limit = rules.latest_next_date(previous.date)
        warnings.append(
            f"This meeting is more than {GAP} after the last one on {nhs_date(previous.date)}: the panel "
            f"must meet at least {MEETS}, so it should be by {nhs_date(limit)}"
        )
    return warnings


# ------------------------------------------------------------------------------------------- the agenda


def icb_people(icb_id: int) -> QuerySet:
    """Everyone on the ICB's register (the panel's agenda covers the whole ICB, whoever builds it)."""
    return Person.objects.filter(icb_id=icb_id).exclude(status=RegisterStatus.LEFT)


def due_for_panel(icb_id: int, today: dt.date) -> list[panel_list.CohortRow]:
    """The clock's cohort: everyone of the ICB with an open `oversight_panel_review`, with why."""
    return panel_list.cohort(icb_people(icb_id), today)


def agenda(meeting: PanelMeeting) -> list[PanelItem]:
    return list(
        meeting.items.filter(removed_at__isnull=True)
        .select_related("person")
        .prefetch_related("actions")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def removed_items(meeting: PanelMeeting) -> list[PanelItem]:
    return list(meeting.items.filter(removed_at__isnull=False).select_related("person").order_by("pk"))


def not_on_agenda(meeting: PanelMeeting, today: dt.date) -> list[panel_list.CohortRow]:
    """People the clock says are due a panel review who are not on this meeting's agenda and were not taken
    off it by the chair."""
    listed = set(meeting.items.values_list("person_id", flat=True))
    return [row for row in due_for_panel(meeting.icb_id, today) if row.person.pk not in listed]


def people_to_add(meeting: PanelMeeting) -> QuerySet:
    """People the chair may add: on the ICB's register and not already on the agenda."""
    on_agenda = meeting.items.filter(removed_at__isnull=True).values("person_id")
    return icb_people(meeting.icb_id).exclude(pk__in=on_agenda).order_by("family_name", "given_name", "pk")


# ------------------------------------------------------------------------------------------- the papers


@dataclass
class Paper:
    """What the panel needs about one person (s18: "review the C(E)TR report and actions"), and no more: no
    NHS number, address or contact details."""

    item: PanelItem
    name: str
    age: int
    rating: str
    location: str
    setting: str
    length_of_stay: int | None
    reasons: list[str]
    review: Review | None
    review_actions: list = field(default_factory=list)
    discharge_plan: DischargePlanStatus | None = None
    earlier_decisions: list[PanelItem] = field(default_factory=list)


@dataclass(frozen=True)
class DischargePlanStatus:
    """Where the 12-point discharge plan (Appendix 7) of the person's admission has got, for the papers."""

    summary: str
    points: list[dict]


def discharge_plan_status(person: Person) -> DischargePlanStatus | None:
    """The discharge plan of the person's current (or latest) admission, point by point; None when OpenDSR
    keeps no inpatient record for them."""
    plan = discharge_plan_for(person)
    if plan is None or not plan.items:
        return None
    return DischargePlanStatus(
        summary=plan.summary,
        points=[
            {
                "label": f"{item.point}. {item.get_point_display()}",
                "status": item.get_status_display(),
                "owner": item.owner,
                "target_on": item.target_on,
            }
            for item in plan.items
        ],
    )


def papers(meeting: PanelMeeting, today: dt.date) -> list[Paper]:
    stays = {row.person.pk: row for row in due_for_panel(meeting.icb_id, today)}
    result = []
    for item in agenda(meeting):
        person = item.person
        stay = stays.get(person.pk)
        review = (
            Review.objects.filter(
                person=person, held_on__isnull=False, held_on__lte=today
            )  # scoped: by person
            .order_by("-held_on", "-pk")
            .first()
        )
        result.append(
            Paper(
                item=item,
                name=person.full_name,
                age=age_on(person.date_of_birth, meeting.date),
                rating=person.get_current_rating_display() if person.current_rating else "Not rated",
                location=person.get_location_display(),
                setting=stay.setting if stay else "",
                length_of_stay=stay.length_of_stay if stay else None,
                reasons=list(item.reasons or []),
                review=review,
                review_actions=list(review.actions.order_by("due", "pk")) if review else [],
                discharge_plan=discharge_plan_status(person),
                earlier_decisions=list(
                    PanelItem.objects.filter(person=person, discussed_on__isnull=False)
                    .exclude(pk=item.pk)
                    .filter(discussed_on__lt=meeting.date)
                    .order_by("-discussed_on")[:3]
                ),
            )
        )
    return result


# ------------------------------------------------------------------------------------------- the work queue


def open_actions_for(user: User, people: QuerySet, horizon: dt.date) -> QuerySet:
    """Open panel actions due by `horizon` for the user's work: those they own, and those owned by someone
    without an OpenDSR account for the people the user looks after."""
    return (
        PanelAction.objects.filter(among(people), status="open", due__lte=horizon)
        .filter(Q(owner_user=user) | Q(owner_user__isnull=True))
        .select_related("person", "item__meeting")
        .order_by("due", "pk")
    )
