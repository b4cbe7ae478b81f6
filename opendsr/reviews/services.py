"""Writing C(E)TRs: one function for each thing a user does, all or nothing.

The clock decides when a review is due; these functions record what the local system did: organising the
review, its panel and invitations, holding it (the clock's `cetr_held`), the rating decision it must make,
its actions and its report (`cetr_report_sent`), and requests for a review and declines (`cetr_declined`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from opendsr.accounts import audit
from opendsr.accounts.models import Role
from opendsr.policy import CETR_KINDS, Pathway
from opendsr.policy.pathway import TRANSITION_PLANNING_AGE
from opendsr.register.models import Location, Obligation, Person
from opendsr.register.queries import pathway_of
from opendsr.register.services import record_rating
from opendsr.register.timeline import record_event, void_events
from opendsr.reviews import kloe
from opendsr.reviews.models import (
    INPATIENT_KINDS,
    ActionStatus,
    AppealOutcome,
    Decision,
    Finding,
    Invitation,
    InviteeRole,
    InviteMethod,
    KloePopulation,
    KloeSetting,
    PanelMember,
    PanelRole,
    PanelSeat,
    Question,
    Reply,
    Review,
    ReviewAction,
    ReviewDecline,
    ReviewKind,
    ReviewPathway,
    ReviewRequest,
    ReviewSettings,
    ReviewStatus,
    SafeguardingConcern,
    SafeguardingLevel,
    Specialism,
)
from opendsr.reviews.queries import answered_findings, previous_review
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today

REVIEW_LENGTH_HOURS = 3

OBLIGATION_KINDS_FOR = {}
for _obligation, _review in CETR_KINDS.items():
    OBLIGATION_KINDS_FOR.setdefault(str(_review), []).append(str(_obligation))


def _not_in_future(value, field, label):
    if value is not None and value > get_today():
        raise ValidationError({field: f"{label} must be today or in the past"})


def _required(values: dict) -> None:
    missing = {field: message for field, (value, message) in values.items() if not str(value or "").strip()}
    if missing:
        raise ValidationError(missing)


def _audit(by, action, review, summary, request=None, **detail):
    audit.record(
        by,
        action,
        person=review.person,
        summary=summary[:300],
        detail={"review": review.pk, **detail},
        request=request,
    )


def settings_for(icb) -> ReviewSettings:
    """The ICB's review settings; the Appendix 11 defaults (unsaved) until the DSR lead changes them."""
    return ReviewSettings.objects.filter(icb=icb).first() or ReviewSettings(icb=icb)


@transaction.atomic
def update_settings(*, icb, by, request=None, **values) -> ReviewSettings:
    current = settings_for(icb)
    for name, value in values.items():
        if isinstance(value, Decimal) and value < 0:
            raise ValidationError({name: "Enter an amount of £0 or more"})
        setattr(current, name, value)
    current.save()
    audit.record(
        by, "reviews.settings_changed", summary="Changed the C(E)TR fees and settings", request=request
    )
    return current


# ---------------------------------------------------------------------------------------------- organising


def open_obligation_for(person: Person, kind: str) -> Obligation | None:
    """The person's open clock obligation that a review of this kind would meet, soonest first."""
    kinds = OBLIGATION_KINDS_FOR.get(kind, [])
    if kind == ReviewKind.INDEPENDENT:
        kinds = [k for ks in OBLIGATION_KINDS_FOR.values() for k in ks]
    return (
        Obligation.objects.filter(person=person, kind__in=kinds, is_open=True).order_by("due", "pk").first()
    )


def review_in_progress(person: Person, obligation_kind: str) -> Review | None:
    """The review being organised for this person to meet an obligation of this kind, if there is one: one
    obligation has one review in progress at a time."""
    if not obligation_kind:
        return None
    return (
        Review.objects.filter(person=person, meets=obligation_kind, status=ReviewStatus.PLANNING)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def organise_review(*, person: Person, by, kind: str, review_request=None, request=None) -> Review:
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": "Choose the kind of review"})
    today = get_today()
    pathway = pathway_of(person, today)
    obligation = open_obligation_for(person, kind)
    if obligation is not None:
        # Lock the person's row so that two people pressing "Start organising" at once make one review.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        current = review_in_progress(person, obligation.kind)
        if current is not None:
            raise ValidationError(
                {
                    "kind": f"A {current.get_kind_display()} is already being organised for this. "
                    "Continue that one, or cancel it first."
                }
            )
    review = Review.objects.create(
        person=person,
        kind=kind,
        pathway=ReviewPathway.CETR if pathway == Pathway.CYP else ReviewPathway.CTR,
        meets=obligation.kind if obligation else "",
        due_by=obligation.due if obligation else None,
        reasonable_adjustments=person.communication_needs,
        created_by=by,
    )
    previous = previous_review(review)
    if previous is not None and previous.same_panel_next_time:
        for seat in previous.seats.filter(removed_at__isnull=True):
            PanelSeat.objects.create(
                review=review, member=seat.member, role=seat.role, fee=_fee(person.icb, seat.role)
            )
    if review_request is not None:
        review_request.review = review
        review_request.save(update_fields=["review"])
    _audit(by, "review.organised", review, f"Started organising a {review.get_kind_display()}", request)
    return review


@transaction.atomic
def update_arrangements(*, review: Review, by, request=None, **values) -> Review:
    if review.status == ReviewStatus.CANCELLED:
        raise ValidationError("This review was cancelled")
    if not values.get("scheduled_for"):
        raise ValidationError({"scheduled_for": "Enter the date of the review"})
    if not (values.get("venue") or "").strip() and not (values.get("video_link") or "").strip():
        raise ValidationError({"venue": "Enter where the review will be held, or a video link"})
    for name, value in values.items():
        setattr(review, name, value)
    review.save()
    _audit(
        by, "review.arranged", review, f"Arranged the review for {nhs_date(review.scheduled_for)}", request
    )
    return review


def _fee(icb, role: str) -> Decimal:
    current = settings_for(icb)
    return {
        PanelRole.CHAIR: current.chair_fee,
        PanelRole.CLINICAL_EXPERT: current.clinical_expert_fee,
        PanelRole.EXPERT_BY_EXPERIENCE: current.expert_by_experience_fee,
    }.get(role, Decimal("0"))


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 - months
    year = day.year + month // 12
    month = month % 12 + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def panel_warnings(member: PanelMember, review: Review, today: dt.date, current: ReviewSettings) -> list[str]:
    """What to think about before this member sits on this review (000; Appendix 11)."""
    warnings = []
    if member.induction_trained_on is None:
        warnings.append(f"{member.name} has no induction training recorded")
    elif member.induction_trained_on < _months_before(today, current.training_valid_months):
        warnings.append(
            f"{member.name}'s induction training ({nhs_date(member.induction_trained_on)}) is more than "
            f"{current.training_valid_months} months old"
        )
    person = review.person
    places = [
        p for p in (person.current_provider, review.venue, person.out_of_area_details) if p and p.strip()
    ]
    conflicts = [line.strip() for line in member.conflict_organisations.splitlines() if line.strip()]
    if member.organisation:
        conflicts.append(member.organisation.strip())
    for place in places:
        for conflict in conflicts:
            if conflict.lower() in place.lower() or place.lower() in conflict.lower():
                warnings.append(f"{member.name} may have a conflict of interest: {conflict} ({place})")
                break
    specialisms = set(member.specialisms or [])
    if (
        member.role != PanelRole.CHAIR
        and review.pathway == ReviewPathway.CETR
        and Specialism.CHILDREN not in specialisms
    ):
        warnings.append(f"{member.name} has no children and young people experience recorded")
    if review.preferred_gender and member.gender and member.gender != review.preferred_gender:
        warnings.append(
            f"{person.given_name} asked for a {review.get_preferred_gender_display().lower()} on the panel; "
            f"{member.name} is a {member.get_gender_display().lower()}"
        )
    return warnings


def whole_panel_warnings(review: Review, members: dict[str, PanelMember | None]) -> list[str]:
    warnings = []
    for role, label in PanelRole.choices:
        if members.get(role) is None:
            warnings.append(f"The panel has no {label.lower()}")
    chosen = [m for m in members.values() if m is not None]
    autistic = review.person.diagnosis in ("autistic", "both")
    if autistic and chosen and not any(Specialism.AUTISM in (m.specialisms or []) for m in chosen):
        warnings.append(
            f"{review.person.given_name} is autistic and nobody on the panel has autism expertise"
        )
    if review.preferred_gender and chosen and not any(m.gender == review.preferred_gender for m in chosen):
        warnings.append(
            f"{review.person.given_name} asked for a {review.get_preferred_gender_display().lower()} on the panel"
        )
    return warnings


def warnings_for_panel(review: Review, members: dict[str, PanelMember | None]) -> list[str]:
    current = settings_for(review.person.icb)
    today = get_today()
    found = []
    for member in members.values():
        if member is not None:
            found.extend(panel_warnings(member, review, today, current))
    return found + whole_panel_warnings(review, members)


@transaction.atomic
def choose_panel(
    *,
    review: Review,
    by,
    members: dict[str, PanelMember | None],
    accept_warnings: bool = False,
    reason: str = "",
    same_panel_next_time: bool | None = None,
    request=None,
) -> list[PanelSeat]:
    """Seat the panel. Warnings must be accepted, with a reason, before a panel with them is saved."""
    for role, member in members.items():
        if member is not None and member.icb_id != review.person.icb_id:
            raise ValidationError({role: "Choose someone from your panel directory"})
    warnings = warnings_for_panel(review, members)
    if warnings and not (accept_warnings and (reason or "").strip()):
        raise ValidationError(
            {"accept_warnings": "Accept the warnings and say why, or choose other panel members"}
        )
    now = timezone.now()
    current = {seat.role: seat for seat in review.seats.filter(removed_at__isnull=True)}
    seats = []
    for role, member in members.items():
        seat = current.get(role)
        if seat is not None and (member is None or seat.member_id != member.pk):
            seat.removed_at = now
            seat.save(update_fields=["removed_at"])
            seat = None
        if member is None:
            continue
        if seat is None:
            seat = PanelSeat.objects.create(
                review=review, member=member, role=role, fee=_fee(review.person.icb, role)
            )
        seat.warnings = [w for w in warnings if w.startswith(member.name)]
        seat.warnings_accepted_reason = reason.strip() if seat.warnings else ""
        seat.save(update_fields=["warnings", "warnings_accepted_reason"])
        seats.append(seat)
    review.same_panel_next_time = same_panel_next_time
    if not review.panel_confirmed_on and all(members.get(role) for role in PanelRole.values):
        review.panel_confirmed_on = get_today()
    review.save(update_fields=["same_panel_next_time", "panel_confirmed_on", "updated_at"])
    _audit(
        by,
        "review.panel_chosen",
        review,
        "Chose the panel" + (f", accepting {len(warnings)} warning(s): {reason}" if warnings else ""),
        request,
    )
    return seats


# ------------------------------------------------------------------------------------------ invitations


def proposed_invitees(review: Review) -> list[dict]:
    """Who to invite, by role (Appendix 5), from what the register holds about the person.

    Where the register names someone (the person, a carer, their advocate or keyworker), the row has their
    name. Where it knows only the role, the name is left empty for the user to add: a role is never passed
    off as a person. Anyone already invited to this review is not suggested again: a named person by name,
    a role-only suggestion once anyone in that role is invited.
    """
    person = review.person
    cyp = review.pathway == ReviewPathway.CETR
    from opendsr.policy import age_on

    age = age_on(person.date_of_birth, review.scheduled_for or get_today())
    rows = [
        {"role": InviteeRole.PERSON, "name": person.full_name, "email": person.email, "must_attend": False},
    ]
    for carer in person.carers.filter(active=True):
        role = (
            InviteeRole.PARENT
            if cyp and carer.relationship.lower() in ("mother", "father", "parent")
            else (InviteeRole.FAMILY_CARER)
        )
        rows.append({"role": role, "name": carer.name, "email": "", "must_attend": False})
    if person.advocate_name:
        rows.append(
            {
                "role": InviteeRole.ADVOCATE,
                "name": person.advocate_name,
                "organisation": person.advocate_organisation,
                "must_attend": False,
            }
        )
    if person.keyworker_name or cyp:
        rows.append(
            {
                "role": InviteeRole.KEYWORKER,
                "name": person.keyworker_name,
                "organisation": person.keyworker_service,
                "must_attend": cyp,
            }
        )
    if person.lead_professional:
        rows.append(
            {"role": InviteeRole.COMMUNITY_TEAM, "name": "", "organisation": person.lead_professional}
        )
    if person.current_provider:
        rows.append(
            {"role": InviteeRole.HEALTHCARE_PROVIDER, "name": "", "organisation": person.current_provider}
        )
    if review.is_inpatient_review or person.location == Location.INPATIENT:
        rows.append({"role": InviteeRole.RESPONSIBLE_CLINICIAN})
        rows.append({"role": InviteeRole.SENIOR_NURSE})
        rows.append({"role": InviteeRole.COMMISSIONER})
    if cyp:
        rows.append({"role": InviteeRole.CHILDRENS_SOCIAL_CARE})
        rows.append({"role": InviteeRole.SEN_TEAM})
        rows.append({"role": InviteeRole.EDUCATION_PROVIDER})
    else:
        rows.append({"role": InviteeRole.ADULT_SOCIAL_CARE})
    if cyp and age >= TRANSITION_PLANNING_AGE:  # s16.4: the transitions team from 16
        rows.append({"role": InviteeRole.TRANSITIONS_TEAM})
    if person.housing_needs:
        rows.append({"role": InviteeRole.HOUSING})
    invited = list(review.invitations.filter(withdrawn_at__isnull=True).values_list("role", "name"))
    invited_names = {name.strip().casefold() for _, name in invited}
    invited_roles = {role for role, _ in invited}
    suggestions = []
    for row in rows:
        row.setdefault("name", "")
        row.setdefault("organisation", "")
        row.setdefault("email", "")
        row.setdefault("must_attend", False)
        row["named"] = bool(row["name"])
        row["suggestion"] = (
            row["name"] if row["named"] else f"{InviteeRole(row['role']).label} — name to be added"
        )
        already = (
            row["name"].strip().casefold() in invited_names if row["named"] else row["role"] in invited_roles
        )
        if not already:
            suggestions.append(row)
    return suggestions


def calendar_file(review: Review, invitation: Invitation | None = None) -> bytes:
    """An iCalendar (RFC 5545) event for the review, to attach to an invitation."""
    start_time = review.starts_at or dt.time(10, 0)
    start = dt.datetime.combine(review.scheduled_for, start_time)
    end = start + dt.timedelta(hours=REVIEW_LENGTH_HOURS)
    where = review.venue or review.video_link

    def text(value: str) -> str:
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")

    uid = f"review-{review.pk}-{invitation.pk if invitation else 'panel'}@opendsr"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//OpenDSR//Care (Education) and Treatment Reviews//EN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{timezone.now().astimezone(dt.UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART;TZID=Europe/London:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID=Europe/London:{end:%Y%m%dT%H%M%S}",
        f"SUMMARY:{text('Care (Education) and Treatment Review for ' + review.person.given_name)}",
        f"LOCATION:{text(where)}",
        f"DESCRIPTION:{text('Reasonable adjustments: ' + (review.reasonable_adjustments or 'none asked for'))}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def invitation_text(review: Review, invitation: Invitation) -> str:
    when = nhs_date(review.scheduled_for) + (f" at {review.starts_at:%H:%M}" if review.starts_at else "")
    where = review.venue or review.video_link
    who = review.person.given_name
    lines = [
        f"Dear {invitation.name},",
        "",
        f"You are invited to a Care (Education) and Treatment Review for {review.person.full_name}.",
        "",
        f"When: {when}",
        f"Where: {where}",
    ]
    if review.video_link and review.venue:
        lines.append(f"Video link: {review.video_link}")
    if invitation.must_attend:
        lines += ["", f"As {who}'s keyworker, please make sure you attend."]
    lines += [
        "",
        "Please tell us whether you can come, or send information for the panel if you cannot.",
        "",
        review.person.icb.name,
    ]
    return "\n".join(lines)


@transaction.atomic
def send_invitations(*, review: Review, by, invitees: list[dict], request=None) -> list[Invitation]:
    if review.scheduled_for is None or not (review.venue or review.video_link):
        raise ValidationError("Agree the date and venue before you invite people")
    if not invitees:
        raise ValidationError({"invitees": "Choose at least one person to invite"})
    today = get_today()
    sent = []
    for row in invitees:
        if not (row.get("name") or "").strip():
            role = InviteeRole(row["role"]).label if row.get("role") in InviteeRole.values else "person"
            raise ValidationError({"invitees": f"Add a name to invite for “{role}”, or untick that row"})
        method = row.get("method") or (InviteMethod.EMAIL if row.get("email") else InviteMethod.LETTER)
        if method == InviteMethod.EMAIL and not row.get("email"):
            raise ValidationError({"invitees": f"Add an email address for {row['name']}, or send a letter"})
        sent.append(
            Invitation.objects.create(
                review=review,
                role=row["role"],
                name=row["name"].strip(),
                organisation=row.get("organisation", ""),
                email=row.get("email", "") if method == InviteMethod.EMAIL else "",
                address=row.get("address", ""),
                method=method,
                must_attend=bool(row.get("must_attend")),
                sent_on=today,
            )
        )
    emails = [i for i in sent if i.method == InviteMethod.EMAIL]

    def deliver():
        for invitation in emails:
            message = EmailMessage(
                subject=f"Invitation: Care (Education) and Treatment Review on {nhs_date(review.scheduled_for)}",
                body=invitation_text(review, invitation),
                from_email=django_settings.DEFAULT_FROM_EMAIL,
                to=[invitation.email],
            )
            message.attach("review.ics", calendar_file(review, invitation), "text/calendar")
            message.send()

    transaction.on_commit(deliver)
    _audit(
        by, "review.invitations_sent", review, f"Invited {len(sent)} people ({len(emails)} by email)", request
    )
    return sent


@transaction.atomic
def record_reply(*, invitation: Invitation, by, reply: str, replied_on: dt.date, request=None) -> Invitation:
    if reply not in [r for r in Reply.values if r]:
        raise ValidationError({"reply": "Choose their reply"})
    _not_in_future(replied_on, "replied_on", "The date of the reply")
    invitation.reply, invitation.replied_on = reply, replied_on
    invitation.save(update_fields=["reply", "replied_on"])
    _audit(
        by,
        "review.reply_recorded",
        invitation.review,
        f"{invitation.name}: {invitation.get_reply_display()}",
        request,
    )
    return invitation


@transaction.atomic
def send_panel_details(*, review: Review, by, request=None) -> Review:
    """Send the person the names (and photos) of their panel before the review (000; s16)."""
    seats = list(review.seats.filter(removed_at__isnull=True).select_related("member"))
    if not seats:
        raise ValidationError("Choose the panel before you send their names")
    person = review.person
    body = "\n".join(
        [
            f"Dear {person.preferred_name or person.given_name},",
            "",
            f"These are the people who will be at your Care (Education) and Treatment Review on "
            f"{nhs_date(review.scheduled_for)}:",
            "",
            *[f"- {seat.member.name}, {seat.get_role_display().lower()}" for seat in seats],
            "",
            person.icb.name,
        ]
    )
    if person.email:
        message = EmailMessage(
            subject="Who will be at your Care (Education) and Treatment Review",
            body=body,
            from_email=django_settings.DEFAULT_FROM_EMAIL,
            to=[person.email],
        )
        for seat in seats:
            if seat.member.photo:
                with contextlib.suppress(OSError):
                    message.attach(seat.member.photo.name.rsplit("/", 1)[-1], seat.member.photo.read())
        transaction.on_commit(message.send)
    review.panel_details_sent_on = get_today()
    review.save(update_fields=["panel_details_sent_on", "updated_at"])
    _audit(by, "review.panel_details_sent", review, "Sent the panel's names to the person", request)
    return review


@transaction.atomic
def update_checklist(*, review: Review, by, request=None, **dates) -> Review:
    for field, value in dates.items():
        _not_in_future(value, field, "The date")
        setattr(review, field, value)
    review.save()
    _audit(by, "review.checklist_updated", review, "Updated the checklist before the review", request)
    return review


@transaction.atomic
def cancel_review(*, review: Review, by, reason: str, request=None) -> Review:
    if review.held_on is not None:
        raise ValidationError("A review that has been held cannot be cancelled")
    _required({"reason": (reason, "Enter why the review is cancelled")})
    review.status, review.cancelled_reason = ReviewStatus.CANCELLED, reason.strip()
    review.save(update_fields=["status", "cancelled_reason", "updated_at"])
    _audit(by, "review.cancelled", review, f"Cancelled the review: {reason}", request)
    return review


# ---------------------------------------------------------------------------------------------- the meeting


def kloe_template_for(review: Review):
    setting = KloeSetting.INPATIENT if review.is_inpatient_review else KloeSetting.COMMUNITY
    population = KloePopulation.CHILD if review.pathway == ReviewPathway.CETR else KloePopulation.ADULT
    return kloe.current_template(review.person.icb, setting, population)


@transaction.atomic
def hold_review(
    *,
    review: Review,
    by,
    held_on: dt.date,
    why_not_community: str = "",
    previous_actions_notes: str = "",
    request=None,
) -> Review:
    """Record that the review took place: the clock's `cetr_held`, which meets the review that was due and
    starts the 10-working-day report deadline."""
    if review.status == ReviewStatus.CANCELLED:
        raise ValidationError("This review was cancelled")
    if held_on is None:
        raise ValidationError({"held_on": "Enter the date the review was held"})
    _not_in_future(held_on, "held_on", "The date the review was held")
    if review.kind in INPATIENT_KINDS and not (why_not_community or "").strip():
        raise ValidationError(
            {"why_not_community": "Record why the person's care cannot be given in the community"}
        )
    halted = review.safeguarding_concerns.filter(level=SafeguardingLevel.HALT, review_resumed=False)
    if halted.exists():
        raise ValidationError(
            "The review was halted for a safeguarding concern. Record that it resumed first."
        )
    if review.held_on is not None:
        void_events(
            person=review.person, source=f"review:{review.pk}", reason="Review date corrected", refresh=False
        )
    review.held_on = held_on
    review.why_not_community = why_not_community.strip()
    review.previous_actions_notes = previous_actions_notes.strip()
    if review.status == ReviewStatus.PLANNING:
        review.status = ReviewStatus.HELD
    review.save()
    record_event(
        person=review.person,
        type="cetr_held",
        date=held_on,
        by=by,
        data={"kind": review.kind},
        source=f"review:{review.pk}",
    )
    _audit(by, "review.held", review, f"Recorded the review as held on {nhs_date(held_on)}", request)
    return review


FINDING_FIELDS = (
    "findings",
    "person_said",
    "family_said",
    "evidence",
    "differing_opinions",
    "human_rights_concerns",
)


@transaction.atomic
def record_findings(*, review: Review, by, question: str, request=None, **values) -> Finding:
    if question not in Question.values:
        raise ValidationError("No such question")
    if review.status == ReviewStatus.CANCELLED:
        raise ValidationError("This review was cancelled")
    template = kloe.saved_template(kloe_template_for(review))
    finding, _ = Finding.objects.get_or_create(
        review=review, question=question, defaults={"template": template}
    )
    for name in FINDING_FIELDS:
        if name in values:
            setattr(finding, name, (values[name] or "").strip())
    finding.not_discussed = bool(values.get("not_discussed"))
    if not finding.not_discussed and not finding.findings:
        raise ValidationError({"findings": "Enter what the panel found, or say this was not discussed"})
    finding.recorded_by = by
    finding.save()
    _audit(by, "review.findings_recorded", review, f"Recorded findings: {Question(question).label}", request)
    return finding


@transaction.atomic
def raise_safeguarding(
    *, review: Review, by, level: str, concern: str, raised_on: dt.date, request=None, **values
):
    """A safeguarding concern (Appendix 6). Halting and urgent concerns need a same-day referral to the local
    authority; the others need one by the next day or after the chair considers it."""
    if level not in SafeguardingLevel.values:
        raise ValidationError({"level": "Choose the level of response"})
    _required({"concern": (concern, "Describe the concern")})
    _not_in_future(raised_on, "raised_on", "The date it was raised")
    referred = values.get("referred_to_local_authority_on")
    _not_in_future(referred, "referred_to_local_authority_on", "The date of the referral")
    if level in (SafeguardingLevel.HALT, SafeguardingLevel.URGENT):
        _required(
            {
                "told_whom": (
                    values.get("told_whom"),
                    "Say who was told: the commissioner, provider and others",
                )
            }
        )
        if referred is not None and referred != raised_on:
            raise ValidationError(
                {
                    "referred_to_local_authority_on": "This level needs a referral to the local authority the same day"
                }
            )
    told_at = values.get("told_at")
    concern_row = SafeguardingConcern.objects.create(
        review=review,
        level=level,
        concern=concern.strip(),
        raised_on=raised_on,
        action_taken=(values.get("action_taken") or "").strip(),
        referred_to_local_authority_on=referred,
        cqc_notified_on=values.get("cqc_notified_on"),
        told_whom=(values.get("told_whom") or "").strip(),
        told_at=told_at,
        recorded_by=by,
    )
    _audit(by, "review.safeguarding_raised", review, f"Raised a safeguarding concern ({level})", request)
    return concern_row


@transaction.atomic
def resume_after_halt(*, concern: SafeguardingConcern, by, request=None) -> SafeguardingConcern:
    if concern.referred_to_local_authority_on is None:
        raise ValidationError("Record the referral to the local authority before the review resumes")
    concern.review_resumed = True
    concern.save(update_fields=["review_resumed"])
    _audit(by, "review.resumed", concern.review, "The review resumed after a safeguarding concern", request)
    return concern


@transaction.atomic
def record_review_rating(
    *,
    review: Review,
    by,
    rating: str,
    rationale: str,
    person_view: str = "",
    family_view: str = "",
    professional_judgement: str = "",
    request=None,
):
    """Core standard 9: every review re-examines the person's rating. The decision becomes their rating."""
    if review.held_on is None:
        raise ValidationError("Record that the review was held before the rating decision")
    _required({"rationale": (rationale, "Explain the panel's rating decision")})
    decision = record_rating(
        person=review.person,
        by=by,
        rating=rating,
        decided_on=review.held_on,
        rationale=rationale,
        person_view=person_view,
        family_view=family_view,
        professional_judgement=professional_judgement,
        shared_with_person=True,
        request=request,
    )
    review.rating_decision = decision
    review.save(update_fields=["rating_decision", "updated_at"])
    return decision


@transaction.atomic
def add_action(
    *,
    review: Review,
    by,
    text: str,
    owner_name: str,
    owner_organisation: str,
    due: dt.date,
    question: str = "",
    request=None,
) -> ReviewAction:
    """A SMART recommendation: what, who (a named person and their organisation), by when."""
    _required(
        {
            "text": (text, "Enter what needs to happen"),
            "owner_name": (owner_name, "Enter the named person who will do it"),
            "owner_organisation": (owner_organisation, "Enter their organisation"),
        }
    )
    if due is None:
        raise ValidationError({"due": "Enter the date it must be done by"})
    start = review.held_on or review.scheduled_for or get_today()
    if due < start:
        raise ValidationError({"due": "The date it is due must be on or after the review"})
    action = ReviewAction.objects.create(
        review=review,
        person=review.person,
        text=text.strip(),
        owner_name=owner_name.strip(),
        owner_organisation=owner_organisation.strip(),
        due=due,
        question=question or "",
    )
    _audit(by, "review.action_added", review, f"Added an action for {owner_name}: {text}", request)
    return action


@transaction.atomic
def update_action(
    *,
    action: ReviewAction,
    by,
    status: str,
    closed_on=None,
    outcome_note: str = "",
    last_reviewed_on=None,
    request=None,
) -> ReviewAction:
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose where the action is"})
    if status == ActionStatus.NOT_DONE and not (outcome_note or "").strip():
        raise ValidationError({"outcome_note": "Say why it was not done"})
    _not_in_future(closed_on, "closed_on", "The date")
    _not_in_future(last_reviewed_on, "last_reviewed_on", "The date of the meeting")
    action.status = status
    action.closed_on = (closed_on or get_today()) if status != ActionStatus.OPEN else None
    action.outcome_note = (outcome_note or "").strip()
    if last_reviewed_on:
        action.last_reviewed_on = last_reviewed_on
    action.save()
    _audit(
        by,
        "review.action_updated",
        action.review,
        f"Action {action.get_status_display().lower()}: {action.text}",
        request,
    )
    return action


# ---------------------------------------------------------------------------------------------- the report


def report_problems(review: Review) -> list[str]:
    """What stops the report being approved."""
    problems = []
    if review.held_on is None:
        problems.append("Record that the review was held")
    if review.rating_decision_id is None:
        problems.append("Record the rating decision: every review must look again at the person's rating")
    covered = set(review.findings.filter(answered_findings()).values_list("question", flat=True))
    missing = [q.label for q in Question if q.value not in covered]
    if missing:
        problems.append(
            "Record what the panel found, or that it was not discussed, for: " + "; ".join(missing)
        )
    if not review.actions.exists() and not review.no_actions_reason:
        problems.append("Agree the actions, or say why there are none")
    if not review.lead_contact:
        problems.append("Say who the person and family should contact about the review")
    return problems


def may_approve(user, review: Review) -> bool:
    """The chair approves the report; a DSR lead or case manager may record the chair's approval."""
    chair = review.seats.filter(role=PanelRole.CHAIR, removed_at__isnull=True, member__user=user).exists()
    return chair or user.role in (Role.DSR_LEAD, Role.CASE_MANAGER)


@transaction.atomic
def update_report_details(
    *, review: Review, by, lead_contact: str, summary: str, no_actions_reason: str = "", request=None
) -> Review:
    _required({"lead_contact": (lead_contact, "Say who the person and family should contact")})
    review.lead_contact = lead_contact.strip()
    review.summary = (summary or "").strip()
    review.no_actions_reason = (no_actions_reason or "").strip()
    review.save(update_fields=["lead_contact", "summary", "no_actions_reason", "updated_at"])
    _audit(by, "review.report_details", review, "Updated the report's summary and contact", request)
    return review


@transaction.atomic
def approve_report(*, review: Review, by, request=None) -> Review:
    problems = report_problems(review)
    if problems:
        raise ValidationError(problems)
    if not may_approve(by, review):
        raise ValidationError(
            "Only the chair, or a case manager recording the chair's approval, can approve the report"
        )
    review.report_approved_on = get_today()
    review.report_approved_by = by
    review.save(update_fields=["report_approved_on", "report_approved_by", "updated_at"])
    _audit(by, "review.report_approved", review, "Approved the report", request)
    return review


@transaction.atomic
def send_report(
    *, review: Review, by, sent_on: dt.date, recipients: list[tuple[str, str]], method: str, request=None
) -> Review:
    """Send the report to the person, family and others (s16.6: within 10 working days). Meets the clock's
    `cetr_report`."""
    from opendsr.reviews import report

    if review.report_approved_on is None:
        raise ValidationError("The chair must approve the report before it is sent")
    if sent_on is None:
        raise ValidationError({"sent_on": "Enter the date the report was sent"})
    _not_in_future(sent_on, "sent_on", "The date the report was sent")
    if sent_on < review.held_on:
        raise ValidationError({"sent_on": "The report cannot be sent before the review was held"})
    if not recipients:
        raise ValidationError({"recipients": "Enter who the report went to"})
    if method == "email":
        missing = [name for name, email in recipients if not email]
        if missing:
            raise ValidationError(
                {"recipients": f"Add an email address for {', '.join(missing)}, or send it by post"}
            )
        full, easy = report.report_pdf(review), report.easy_read_pdf(review)

        def deliver():
            for name, email in recipients:
                message = EmailMessage(
                    subject="The report from your Care (Education) and Treatment Review",
                    body=f"Dear {name},\n\nThe report from the review on {nhs_date(review.held_on)} is attached, "
                    f"with an easy read summary.\n\n{review.lead_contact}\n\n{review.person.icb.name}",
                    from_email=django_settings.DEFAULT_FROM_EMAIL,
                    to=[email],
                )
                message.attach("review-report.pdf", full, "application/pdf")
                message.attach("review-easy-read.pdf", easy, "application/pdf")
                message.send()

        transaction.on_commit(deliver)
    first = review.report_sent_on is None
    review.report_sent_on = review.report_sent_on or sent_on
    names = ", ".join(f"{name} ({email})" if email else name for name, email in recipients)
    review.report_sent_to = (review.report_sent_to + "\n" if review.report_sent_to else "") + (
        f"{nhs_date(sent_on)}, by {'email' if method == 'email' else 'post'}: {names}"
    )
    review.status = ReviewStatus.COMPLETED
    review.save(update_fields=["report_sent_on", "report_sent_to", "status", "updated_at"])
    if first:
        record_event(
            person=review.person,
            type="cetr_report_sent",
            date=sent_on,
            by=by,
            source=f"review-report:{review.pk}",
        )
    _audit(by, "review.report_sent", review, f"Sent the report to {names}", request)
    return review


# ------------------------------------------------------------------------------------ requests and declines


@transaction.atomic
def record_request(
    *, person: Person, by, requested_on, requested_by, reason, requester_name="", first_steps="", request=None
) -> ReviewRequest:
    _required({"reason": (reason, "Enter why they asked for a review")})
    if requested_on is None:
        raise ValidationError({"requested_on": "Enter the date of the request"})
    _not_in_future(requested_on, "requested_on", "The date of the request")
    row = ReviewRequest.objects.create(
        person=person,
        requested_on=requested_on,
        requested_by=requested_by,
        requester_name=requester_name.strip(),
        reason=reason.strip(),
        first_steps=(first_steps or "").strip(),
        recorded_by=by,
    )
    audit.record(
        by, "review.requested", person=person, summary="Recorded a request for a C(E)TR", request=request
    )
    return row


@transaction.atomic
def decide_request(
    *,
    review_request: ReviewRequest,
    by,
    decision: str,
    decided_on,
    reasons: str,
    communicated_on=None,
    request=None,
) -> ReviewRequest:
    if decision not in (Decision.AGREED, Decision.DECLINED):
        raise ValidationError({"decision": "Choose whether the review is agreed"})
    if decided_on is None:
        raise ValidationError({"decided_on": "Enter the date of the decision"})
    _not_in_future(decided_on, "decided_on", "The date of the decision")
    _not_in_future(communicated_on, "communicated_on", "The date it was communicated")
    if decided_on < review_request.requested_on:
        raise ValidationError({"decided_on": "The decision cannot be before the request"})
    if decision == Decision.DECLINED:
        _required({"reasons": (reasons, "Explain why the review is not agreed")})
    review_request.decision, review_request.decided_on = decision, decided_on
    review_request.decided_by, review_request.decision_reasons = by, (reasons or "").strip()
    review_request.communicated_on = communicated_on
    review_request.save()
    _agreed_early(review_request, by, decided_on if decision == Decision.AGREED else None, "request")
    audit.record(
        by,
        "review.request_decided",
        person=review_request.person,
        summary=f"Request for a C(E)TR {review_request.get_decision_display().lower()}",
        request=request,
    )
    return review_request


def _agreed_early(review_request: ReviewRequest, by, agreed_on, prefix: str) -> None:
    """A review agreed on request is outside the usual timescale: the clock then lists the person for the
    oversight panel (s13.2, s18). A changed decision replaces the event."""
    source = f"{prefix}:{review_request.pk}"
    void_events(
        person=review_request.person, source=source, reason="Decision changed", refresh=agreed_on is None
    )
    if agreed_on is not None:
        record_event(
            person=review_request.person, type="cetr_request_agreed", date=agreed_on, by=by, source=source
        )


@transaction.atomic
def record_appeal(
    *,
    review_request: ReviewRequest,
    by,
    appealed_on,
    grounds,
    outcome="",
    decided_on=None,
    reasons="",
    request=None,
) -> ReviewRequest:
    if review_request.decision != Decision.DECLINED:
        raise ValidationError("Only a declined request can be appealed")
    if appealed_on is None:
        raise ValidationError({"appealed_on": "Enter the date of the appeal"})
    _not_in_future(appealed_on, "appealed_on", "The date of the appeal")
    _required({"grounds": (grounds, "Enter why they appealed")})
    if outcome and outcome not in AppealOutcome.values:
        raise ValidationError({"outcome": "Choose the outcome of the appeal"})
    if outcome and decided_on is None:
        raise ValidationError({"decided_on": "Enter the date of the appeal decision"})
    _not_in_future(decided_on, "decided_on", "The date of the appeal decision")
    review_request.appealed_on, review_request.appeal_grounds = appealed_on, grounds.strip()
    review_request.appeal_outcome, review_request.appeal_decided_on = outcome or "", decided_on
    review_request.appeal_reasons = (reasons or "").strip()
    review_request.save()
    _agreed_early(
        review_request, by, decided_on if outcome == AppealOutcome.UPHELD else None, "request-appeal"
    )
    audit.record(
        by,
        "review.request_appealed",
        person=review_request.person,
        summary="Recorded an appeal",
        request=request,
    )
    return review_request


@transaction.atomic
def record_decline(
    *,
    person: Person,
    by,
    declined_on,
    reasons,
    alternative_offered="",
    revisit_on=None,
    review=None,
    request=None,
) -> ReviewDecline:
    """The person declined a review (s2.4.3). The clock puts them on the oversight panel's list from the
    second decline."""
    if declined_on is None:
        raise ValidationError({"declined_on": "Enter the date they declined"})
    _not_in_future(declined_on, "declined_on", "The date they declined")
    _required({"reasons": (reasons, "Enter their reasons, in their words if you can")})
    if revisit_on is not None and revisit_on <= declined_on:
        raise ValidationError({"revisit_on": "The date to ask again must be after they declined"})
    row = ReviewDecline.objects.create(
        person=person,
        review=review,
        declined_on=declined_on,
        reasons=reasons.strip(),
        alternative_offered=(alternative_offered or "").strip(),
        revisit_on=revisit_on,
        recorded_by=by,
    )
    record_event(person=person, type="cetr_declined", date=declined_on, by=by, source=f"decline:{row.pk}")
    audit.record(
        by, "review.declined", person=person, summary="Recorded that they declined a C(E)TR", request=request
    )
    return row


# --------------------------------------------------------------------------------------- the panel directory


@transaction.atomic
def save_panel_member(*, icb, by, member: PanelMember | None = None, request=None, **values) -> PanelMember:
    _required(
        {"name": (values.get("name"), "Enter their name"), "role": (values.get("role"), "Choose their role")}
    )
    member = member or PanelMember(icb=icb)
    for name, value in values.items():
        setattr(member, name, value)
    member.save()
    audit.record(
        by, "panel_member.saved", summary=f"Saved {member.name} in the panel directory", request=request
    )
    return member


@transaction.atomic
def record_payment(
    *, seat: PanelSeat, by, fee, expenses, expenses_note="", paid_on=None, request=None
) -> PanelSeat:
    for field, value in (("fee", fee), ("expenses", expenses)):
        if value is None or value < 0:
            raise ValidationError({field: "Enter an amount of £0 or more"})
    _not_in_future(paid_on, "paid_on", "The date it was paid")
    seat.fee, seat.expenses, seat.expenses_note, seat.paid_on = (
        fee,
        expenses,
        (expenses_note or "").strip(),
        paid_on,
    )
    seat.save()
    _audit(by, "review.payment_recorded", seat.review, f"Recorded payment for {seat.member.name}", request)
    return seat


@transaction.atomic
def save_kloe_template(*, icb, by, setting: str, population: str, prompts: dict, request=None):
    """Save edited key lines of enquiry as a new version; earlier findings keep the version they used."""
    from opendsr.reviews.models import KloeTemplate

    if not any(prompts.values()):
        raise ValidationError("Enter at least one prompt")
    current = kloe.current_template(icb, setting, population)
    for previous in KloeTemplate.objects.filter(icb=icb, setting=setting, population=population, active=True):
        previous.active = False
        previous.save(update_fields=["active"])  # one save each, so each version's history keeps the change
    template = KloeTemplate.objects.create(
        icb=icb,
        setting=setting,
        population=population,
        prompts={str(q): lines for q, lines in prompts.items()},
        version=(current.version or 1) + 1 if current.pk else 2,
        created_by=by,
    )
    audit.record(
        by, "kloe.changed", summary=f"Saved key lines of enquiry version {template.version}", request=request
    )
    return template
