"""Checks on a C(E)TR that need no database: plain functions over plain data.

The queries gather the facts (a panel member, a review, what the register holds about the person); these
functions decide what to warn about and whom to suggest inviting.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from opendsr.policy.pathway import TRANSITION_PLANNING_AGE
from opendsr.reviews.models import InviteeRole, PanelRole, Specialism
from opendsr.web.formatting import nhs_date

# ------------------------------------------------------------------------------------------------- the panel


@dataclass(frozen=True)
class Member:
    """What the panel checks need to know about a panel member."""

    name: str
    role: str
    induction_trained_on: dt.date | None = None
    organisation: str = ""
    conflict_organisations: str = ""
    specialisms: tuple[str, ...] = ()
    gender: str = ""
    gender_label: str = ""


@dataclass(frozen=True)
class PanelFacts:
    """What the panel checks need to know about the review and the person."""

    given_name: str
    places: tuple[
        str, ...
    ] = ()  # where the person is: their provider, the venue, their out-of-area placement
    children_and_young_people: bool = False
    autistic: bool = False
    preferred_gender: str = ""
    preferred_gender_label: str = ""


def months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 - months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def training_status(member: Member, today: dt.date, valid_months: int) -> tuple[str, str]:
    """Whether the member's induction training is current, expired or missing (Appendix 11), and the warning
    to show when it is not current."""
    if member.induction_trained_on is None:
        return "missing", f"{member.name} has no induction training recorded"
    if member.induction_trained_on < months_before(today, valid_months):
        return "expired", (
            f"{member.name}'s induction training ({nhs_date(member.induction_trained_on)}) is more than "
            f"{valid_months} months old"
        )
    return "current", ""


def panel_warnings(member: Member, review: PanelFacts, today: dt.date, valid_months: int) -> list[str]:
    """What to think about before this member sits on this review (000; Appendix 11)."""
    warnings = []
    _, training = training_status(member, today, valid_months)
    if training:
        warnings.append(training)
    places = [p for p in review.places if p and p.strip()]
    conflicts = [line.strip() for line in member.conflict_organisations.splitlines() if line.strip()]
    if member.organisation:
        conflicts.append(member.organisation.strip())
    for place in places:
        for conflict in conflicts:
            if conflict.lower() in place.lower() or place.lower() in conflict.lower():
                warnings.append(f"{member.name} may have a conflict of interest: {conflict} ({place})")
                break
    if (
        member.role != PanelRole.CHAIR
        and review.children_and_young_people
        and Specialism.CHILDREN not in member.specialisms
    ):
        warnings.append(f"{member.name} has no children and young people experience recorded")
    if review.preferred_gender and member.gender and member.gender != review.preferred_gender:
        warnings.append(
            f"{review.given_name} asked for a {review.preferred_gender_label.lower()} on the panel; "
            f"{member.name} is a {member.gender_label.lower()}"
        )
    return warnings


def whole_panel_warnings(review: PanelFacts, members: dict[str, Member | None]) -> list[str]:
    """What to think about for the panel as a whole: an empty seat, no autism expertise, no one of the gender
    the person asked for."""
    warnings = []
    for role, label in PanelRole.choices:
        if members.get(role) is None:
            warnings.append(f"The panel has no {label.lower()}")
    chosen = [m for m in members.values() if m is not None]
    if review.autistic and chosen and not any(Specialism.AUTISM in m.specialisms for m in chosen):
        warnings.append(f"{review.given_name} is autistic and nobody on the panel has autism expertise")
    if review.preferred_gender and chosen and not any(m.gender == review.preferred_gender for m in chosen):
        warnings.append(
            f"{review.given_name} asked for a {review.preferred_gender_label.lower()} on the panel"
        )
    return warnings


def warnings_for_panel(
    review: PanelFacts, members: dict[str, Member | None], today: dt.date, valid_months: int
) -> list[str]:
    found = []
    for member in members.values():
        if member is not None:
            found.extend(panel_warnings(member, review, today, valid_months))
    return found + whole_panel_warnings(review, members)


# ------------------------------------------------------------------------------------------------- requests


def may_organise_on_request(decision: str, appeal_outcome: str, *, has_review: bool) -> bool:
    """A review may be organised for a request that was agreed, or whose appeal was upheld, once (s13.2)."""
    return (decision == "agreed" or appeal_outcome == "upheld") and not has_review


# ------------------------------------------------------------------------------------------------ invitations

PARENTS = ("mother", "father", "parent")


@dataclass(frozen=True)
class InviteeFacts:
    """What the register holds about the person that decides whom to invite (Appendix 5)."""

    full_name: str
    email: str = ""
    age: int = 0
    children_and_young_people: bool = False
    inpatient: bool = False
    carers: tuple[tuple[str, str], ...] = ()  # (name, relationship) of each active carer
    advocate_name: str = ""
    advocate_organisation: str = ""
    keyworker_name: str = ""
    keyworker_service: str = ""
    lead_professional: str = ""
    current_provider: str = ""
    housing_needs: bool = False
    invited: tuple[tuple[str, str], ...] = field(default=())  # (role, name) of everyone already invited


def proposed_invitees(facts: InviteeFacts) -> list[dict]:
    """Who to invite, by role (Appendix 5).

    Where the register names someone (the person, a carer, their advocate or keyworker), the row has their
    name. Where it knows only the role, the name is left empty for the user to add: a role is never passed
    off as a person. Anyone already invited to this review is not suggested again: a named person by name,
    a role-only suggestion once anyone in that role is invited.
    """
    cyp = facts.children_and_young_people
    rows = [
        {"role": InviteeRole.PERSON, "name": facts.full_name, "email": facts.email, "must_attend": False},
    ]
    for name, relationship in facts.carers:
        role = InviteeRole.PARENT if cyp and relationship.lower() in PARENTS else InviteeRole.FAMILY_CARER
        rows.append({"role": role, "name": name, "email": "", "must_attend": False})
    if facts.advocate_name:
        rows.append(
            {
                "role": InviteeRole.ADVOCATE,
                "name": facts.advocate_name,
                "organisation": facts.advocate_organisation,
                "must_attend": False,
            }
        )
    if facts.keyworker_name or cyp:
        rows.append(
            {
                "role": InviteeRole.KEYWORKER,
                "name": facts.keyworker_name,
                "organisation": facts.keyworker_service,
                "must_attend": cyp,
            }
        )
    if facts.lead_professional:
        rows.append({"role": InviteeRole.COMMUNITY_TEAM, "name": "", "organisation": facts.lead_professional})
    if facts.current_provider:
        rows.append(
            {"role": InviteeRole.HEALTHCARE_PROVIDER, "name": "", "organisation": facts.current_provider}
        )
    if facts.inpatient:
        rows.append({"role": InviteeRole.RESPONSIBLE_CLINICIAN})
        rows.append({"role": InviteeRole.SENIOR_NURSE})
        rows.append({"role": InviteeRole.COMMISSIONER})
    if cyp:
        rows.append({"role": InviteeRole.CHILDRENS_SOCIAL_CARE})
        rows.append({"role": InviteeRole.SEN_TEAM})
        rows.append({"role": InviteeRole.EDUCATION_PROVIDER})
    else:
        rows.append({"role": InviteeRole.ADULT_SOCIAL_CARE})
    if cyp and facts.age >= TRANSITION_PLANNING_AGE:  # s16.4: the transitions team from 16
        rows.append({"role": InviteeRole.TRANSITIONS_TEAM})
    if facts.housing_needs:
        rows.append({"role": InviteeRole.HOUSING})
    invited_names = {name.strip().casefold() for _, name in facts.invited}
    invited_roles = {role for role, _ in facts.invited}
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


# ------------------------------------------------------------------------------------------------- the report

REPORT_FAMILY_ROLES = (InviteeRole.PARENT, InviteeRole.FAMILY_CARER, InviteeRole.ADVOCATE)


def report_recipients(person: tuple[str, str], invitees: list[tuple[str, str, str]]) -> str:
    """Who receives the report unless the user changes it (s16.6): the person, and the parents, family
    carers and advocates invited to the review, one a line as "name, email"."""
    name, email = person
    lines = [f"{name}, {email}".rstrip(", ")]
    lines += [n + (f", {e}" if e else "") for role, n, e in invitees if role in REPORT_FAMILY_ROLES]
    return "\n".join(lines)
