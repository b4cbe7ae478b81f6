"""Links to the page that meets an obligation: where a work-queue item or a person's "What is due" entry sends
the user, and only to a page that user may open."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from opendsr.accounts import access
from opendsr.accounts.models import User
from opendsr.oversight.ics_panel.queries import next_meeting_for_person
from opendsr.policy import CETR_KINDS, MEETING_EVENT, EventType, Kind
from opendsr.register.models import (
    RatingDecision,
)
from opendsr.reviews.models import Review, ReviewStatus
from opendsr.web.formatting import nhs_date
from opendsr.web.labels import REVIEW_TYPES
from opendsr.web.params import whole_number
from opendsr.web.today import today as get_today


def _url(name: str, *args, query: str = "") -> str | None:
    try:
        return reverse(name, args=args or None) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return None


def _ref_pk(ref: str, prefix: str) -> int | None:
    head, _, tail = (ref or "").partition(":")
    return whole_number(tail) if head == prefix else None


def reviews_in_progress(person_ids) -> dict[tuple[int, str], int]:
    """For these people, the review being organised for each obligation kind: (person id, kind) -> review id."""
    rows = (
        Review.objects.filter(person_id__in=list(person_ids), status=ReviewStatus.PLANNING)
        .exclude(meets="")
        .order_by("pk")
        .values_list("person_id", "meets", "pk")
    )
    found: dict[tuple[int, str], int] = {}
    for person_id, meets, pk in rows:
        found.setdefault((person_id, meets), pk)
    return found


def action_for(
    kind: str,
    person_id: int,
    raised_by: str = "",
    met_by: str = "",
    *,
    review_in_progress: int | None = None,
    user: User | None = None,
) -> tuple[str | None, str]:
    """The page that meets an obligation, and the words on its link. Given a user, only a page they may open
    (`access.link` decides), so no "What is due" link ends in a refusal. Pages other apps own are linked only
    when they exist; until then the event is recorded on the person's timeline. A C(E)TR already being
    organised for the obligation is continued, never arranged a second time."""

    def url(name: str, *args, query: str = "") -> str | None:
        if user is None:
            return _url(name, *args, query=query)
        return access.link(user, name, *args, query=query)

    record = url("oversight:record_event", person_id)
    if review_in_progress is not None and kind in CETR_KINDS:
        detail = url("reviews:detail", review_in_progress)
        if detail:
            return detail, "Continue the C(E)TR"
    if kind == Kind.COMMUNICATE_OUTCOME:
        # Raised by a rating decision ("rating:<id>"): a referral's is told from the referral's outcome letter,
        # a re-rating's on the page that records telling them.
        decision = _ref_pk(raised_by, "rating")
        referral = (
            RatingDecision.objects.filter(pk=decision, person_id=person_id)
            .values_list("referral_id", flat=True)
            .first()
            if decision is not None
            else None
        )
        if referral is not None:
            send = url("referrals:detail", referral)
            if send:
                return send, "Send the outcome"
        if decision is not None:
            tell = url("register:tell_outcome", person_id, decision)
            if tell:
                return tell, "Tell them the rating"
        return url("register:detail", person_id), "Open their record"
    if kind in (Kind.ACKNOWLEDGE_REFERRAL, Kind.STRATIFY_REFERRAL, Kind.REFERRAL_PROCESS_COMPLETE):
        referral = _ref_pk(raised_by, "referral")
        if kind == Kind.STRATIFY_REFERRAL:
            rate = url("register:rate", person_id)
            if rate:
                return rate, "Decide the rating"
        if referral is not None:
            detail = url("referrals:detail", referral)
            if detail:
                return detail, "Open the referral"
        inbox = url("referrals:inbox")
        if inbox:
            return inbox, "Open the referrals"
        return url("register:detail", person_id), "Open their record"
    if kind == Kind.RECONSENT_SELF:
        # s2.4: consent someone else gave is asked again of the person, on the consent form
        ask = url("register:consent", person_id)
        if ask:
            return ask, "Ask for their own consent"
    if kind in (Kind.RECHECK_CONSENT, Kind.RECONSENT_SELF):
        for name in ("register:consent_check", "register:consent"):
            check = url(name, person_id)
            if check:
                return check, "Check consent"
        return url("register:detail", person_id), "Open their record"
    if kind in (Kind.OVERSIGHT_VISIT, Kind.SIT_AND_SEE):
        # Visits are recorded on their own form (with the Appendix 4 observations), never as a bare event.
        sit_and_see = kind == Kind.SIT_AND_SEE
        visit = url("oversight:visit_new", person_id, query="sit_and_see=yes" if sit_and_see else "")
        if visit:
            return visit, "Record the sit-and-see visit" if sit_and_see else "Record the visit"
        return url("register:detail", person_id), "Open their record"
    if kind == Kind.OVERSIGHT_PANEL_REVIEW:
        # Met when the ICS oversight panel discusses them (s18): the next meeting's agenda, or scheduling one.
        meeting = next_meeting_for_person(person_id, get_today())
        agenda = url("oversight:panel_meeting", meeting.pk) if meeting is not None else None
        if agenda:
            return f"{agenda}#agenda", f"Open the panel agenda for {nhs_date(meeting.date)}"
        schedule = url("oversight:panel_meeting_new")
        if schedule:
            return schedule, "Schedule a panel meeting"
        cohort = url("oversight:cohort")
        if cohort:
            return cohort, "See the oversight panel list"
        return url("register:detail", person_id), "Open their record"
    if kind in CETR_KINDS and kind != Kind.MDT_OR_CETR:
        if _url("reviews:new", person_id):  # C(E)TRs are recorded with the C(E)TR, not on the timeline
            new = url("reviews:new", person_id, query=f"kind={CETR_KINDS[kind]}")
            if new:
                return new, "Arrange or record the C(E)TR"
        elif record:
            return f"{record}?type={EventType.CETR_HELD}&kind={CETR_KINDS[kind]}", "Record the C(E)TR"
        return url("register:detail", person_id), "Open their record"
    if kind == Kind.CETR_REPORT:
        review = _ref_pk(raised_by, "review")
        detail = url("reviews:detail", review) if review is not None else None
        if detail:
            return detail, "Open the C(E)TR"
    event_type = MEETING_EVENT.get(kind)
    if event_type in REVIEW_TYPES and _url("reviews:new", person_id):
        # C(E)TR events are recorded with the C(E)TR, and the timeline form sends them there
        new = url("reviews:new", person_id)
        if new:
            return new, "Record it"
    elif event_type and record:
        return f"{record}?type={event_type}", "Record it"
    return url("register:detail", person_id), "Open their record"


def person_url(person_id: int) -> str:
    return _url("register:detail", person_id) or "#"
