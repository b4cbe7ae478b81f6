"""Reads that feed the register's pages. Every query starts from the people the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404

from opendsr.accounts import access
from opendsr.accounts.models import OrganisationKind, Role, Team, User
from opendsr.policy import Pathway, age_on, band, load_default_instruments, pathway_on, score, transition_flag
from opendsr.policy.pathway import cyp_birth_cutoffs
from opendsr.register import contributions, nhs_numbers
from opendsr.register.models import (
    Carer,
    ConsentKind,
    ConsentRecord,
    GivenBy,
    InstrumentVersion,
    Obligation,
    Person,
    RatingDecision,
    RegisterStatus,
)
from opendsr.web.params import whole_number
from opendsr.web.presenters import Tag, rating_tag
from opendsr.web.today import today as get_today

RATING_ORDER = {"red": 0, "amber": 1, "green": 2, "blue": 3}
CONSENT_FILTERS = {
    "given": "Consent given",
    "withdrawn": "Consent withdrawn",
    "refused": "Consent not given",
    "none": "No consent recorded",
}
STATUS_FILTERS = {
    "active": "On the register",
    "referred": "Referred, not yet on the register",
    "left": "Left the register",
    "all": "Everyone",
}
SORTS = {"name": "Name", "rating": "Rating", "date_of_birth": "Date of birth"}


# ------------------------------------------------------------------------------------------- presenting


def pathway_of(person: Person, on: dt.date) -> Pathway:
    return pathway_on(person.date_of_birth, on, has_ehcp=person.has_ehcp, in_cyp_tier4=person.in_cyp_tier4)


PATHWAY_LABELS = {Pathway.CYP: "Children and young people", Pathway.ADULT: "Adult"}


# ------------------------------------------------------------------------------------------------ the list


@dataclass
class RegisterFilters:
    q: str = ""
    rating: str = ""
    team: int | None = None
    pathway: str = ""
    location: str = ""
    consent: str = ""
    status: str = "active"
    sort: str = "name"
    extra: dict = field(default_factory=dict)

    def described(self) -> dict:
        """The filters in force, for the audit trail of an export."""
        return {k: str(v) for k, v in self.__dict__.items() if v and k != "extra"}


def pathway_filter(pathway: Pathway | str, on: dt.date) -> Q:
    """The one database filter for a pathway on a date (Table 2): children and young people are under 18, or
    under 25 with an EHCP or in a CYP tier 4 bed; everyone else is adult. Agrees with `policy.pathway_on`
    (tested at the birthdays that change it)."""
    under_18, under_25 = cyp_birth_cutoffs(on)
    cyp = Q(date_of_birth__gt=under_18) | (
        Q(date_of_birth__gt=under_25) & (Q(has_ehcp=True) | Q(in_cyp_tier4=True))
    )
    return cyp if Pathway(pathway) is Pathway.CYP else ~cyp


def latest_consent_kind() -> Subquery:
    return Subquery(
        ConsentRecord.objects.filter(person=OuterRef("pk")).order_by("-date", "-id").values("kind")[:1]
    )


def register_for(user: User, filters: RegisterFilters, *, today: dt.date | None = None) -> QuerySet:
    """The people on the register page, filtered and sorted."""
    today = today or get_today()
    people = (
        access.people_for(user)
        .select_related("team", "case_manager")
        .annotate(consent_kind=latest_consent_kind())
    )
    if filters.status in (RegisterStatus.ACTIVE, RegisterStatus.REFERRED, RegisterStatus.LEFT):
        people = people.filter(status=filters.status)
    if filters.q.strip():
        words = filters.q.strip()
        digits = nhs_numbers.normalise(words)
        match = Q()
        for word in words.split():
            match &= (
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(preferred_name__icontains=word)
            )
        if len(digits) >= 3 and len(digits) == len(words.replace(" ", "")):
            match = Q(nhs_number__contains=digits)
        people = people.filter(match)
    if filters.rating == "none":
        people = people.filter(current_rating="")
    elif filters.rating:
        people = people.filter(current_rating=filters.rating)
    if filters.team:
        people = people.filter(team_id=filters.team)
    if filters.location:
        people = people.filter(location=filters.location)
    if filters.pathway in (Pathway.CYP.value, Pathway.ADULT.value):
        people = people.filter(pathway_filter(filters.pathway, today))
    if filters.consent == "given":
        people = people.filter(consent_kind__in=[ConsentKind.GIVEN, ConsentKind.CHECKED])
    elif filters.consent in ("withdrawn", "refused"):
        people = people.filter(consent_kind=filters.consent)
    elif filters.consent == "none":
        people = people.filter(consent_kind__isnull=True)
    if filters.sort == "rating":
        order = Case(
            *(When(current_rating=r, then=Value(i)) for r, i in RATING_ORDER.items()),
            default=Value(len(RATING_ORDER)),
            output_field=IntegerField(),
        )
        people = people.order_by(order, "family_name", "given_name", "id")
    elif filters.sort == "date_of_birth":
        people = people.order_by("date_of_birth", "family_name", "id")
    else:
        people = people.order_by("family_name", "given_name", "id")
    return people


@dataclass(frozen=True)
class Row:
    person: Person
    pathway: str
    age: int
    tag: Tag
    consent: str


def rows(people, today: dt.date) -> list[Row]:
    """What the list shows for each person on a page (the pathway from the policy core)."""
    return [
        Row(
            person=p,
            pathway=PATHWAY_LABELS[pathway_of(p, today)],
            age=age_on(p.date_of_birth, today),
            tag=rating_tag(p.current_rating),
            consent=consent_label(getattr(p, "consent_kind", None)),
        )
        for p in people
    ]


def consent_label(kind: str | None) -> str:
    return {
        ConsentKind.GIVEN: "Given",
        ConsentKind.CHECKED: "Given",
        ConsentKind.WITHDRAWN: "Withdrawn",
        ConsentKind.REFUSED: "Not given",
    }.get(kind or "", "Not recorded")


def teams_for(user: User):
    return Team.objects.filter(icb_id=user.icb_id).order_by("name")


def case_managers_for(user: User):
    return User.objects.filter(
        icb_id=user.icb_id, is_active=True, role__in=[Role.CASE_MANAGER, Role.DSR_LEAD]
    ).order_by("last_name", "first_name")


def local_authorities_for(user: User):
    from opendsr.accounts.models import Organisation

    return Organisation.objects.filter(icb_id=user.icb_id, kind=OrganisationKind.LOCAL_AUTHORITY).order_by(
        "name"
    )


# ---------------------------------------------------------------------------------- possible duplicates


def find_duplicates(
    *, icb, nhs_number=None, family_name=None, given_name=None, date_of_birth=None
) -> list[Person]:
    """People already on this ICB's register who may be the same person: the same NHS number, or the same
    name and date of birth (ignoring case). Whoever they are known to; not for showing to a user as it is
    (`possible_duplicates` is)."""
    match = Q()
    digits = nhs_numbers.normalise(nhs_number or "")
    if digits:
        match |= Q(nhs_number=digits)
    if family_name and date_of_birth:
        by_name = Q(family_name__iexact=family_name.strip(), date_of_birth=date_of_birth)
        if given_name:
            by_name &= Q(given_name__iexact=given_name.strip())
        match |= by_name
    if not match:
        return []
    return list(
        Person.objects.filter(icb=icb)
        .filter(match)
        .select_related("team")
        .order_by("family_name", "given_name", "id")
    )


@dataclass(frozen=True)
class KnownElsewhere:
    """Someone with the details typed is known to a team the user cannot see. All the user learns is which
    team, and whom to ask: never the person's name, date of birth or NHS number."""

    team_name: str  # "" when they have no team
    ask: tuple[User, ...]  # the ICB's DSR leads


@dataclass(frozen=True)
class PossibleDuplicates:
    yours: list[Person]  # people the user may see: shown in full, to choose
    elsewhere: list[KnownElsewhere]  # one per team that knows someone with these details
    matched: list[Person]  # everyone matched, for the audit trail only

    def __bool__(self) -> bool:
        return bool(self.matched)


def possible_duplicates(
    user: User, *, nhs_number=None, family_name=None, given_name=None, date_of_birth=None
) -> PossibleDuplicates:
    """Before adding a person (on the register or from a referral): who with these details is already on the
    user's ICB register. People the user may see come back whole; for anyone else only the team that knows them
    and the ICB's DSR leads to ask."""
    matched = find_duplicates(
        icb=user.icb,
        nhs_number=nhs_number,
        family_name=family_name,
        given_name=given_name,
        date_of_birth=date_of_birth,
    )
    visible = set(access.people_for(user).filter(pk__in=[p.pk for p in matched]).values_list("pk", flat=True))
    yours = [p for p in matched if p.pk in visible]
    teams = sorted({p.team.name if p.team else "" for p in matched if p.pk not in visible})
    ask = tuple(User.objects.filter(icb_id=user.icb_id, role=Role.DSR_LEAD, is_active=True)) if teams else ()
    return PossibleDuplicates(
        yours=yours, elsewhere=[KnownElsewhere(team_name=name, ask=ask) for name in teams], matched=matched
    )


# ------------------------------------------------------------------------------------------- one person


def person_page(person: Person, *, today: dt.date | None = None) -> dict:
    """Everything the register's part of the person page shows."""
    today = today or get_today()
    pathway = pathway_of(person, today)
    consents = list(person.consents.select_related("recorded_by"))
    standing = [
        c for c in consents if c.kind in (ConsentKind.GIVEN, ConsentKind.CHECKED, ConsentKind.WITHDRAWN)
    ]
    recheck = (
        Obligation.objects.filter(person=person, kind="recheck_consent", is_open=True).order_by("due").first()
    )
    return {
        "today": today,
        "age": age_on(person.date_of_birth, today),
        "pathway": pathway,
        "pathway_label": PATHWAY_LABELS[pathway],
        "transition": transition_flag(person.date_of_birth, today),
        "current_rating_tag": rating_tag(person.current_rating),
        "decisions": list(
            person.rating_decisions.select_related("decided_by", "instrument").prefetch_related(
                "communications"
            )
        ),
        "rating_reviews": contributions.rating_reviews(person),
        "consents": consents,
        "latest_consent": standing[0] if standing else None,
        "latest_given": next((c for c in consents if c.kind == ConsentKind.GIVEN), None),
        "refusals": [c for c in consents if c.kind == ConsentKind.REFUSED],
        "recheck": recheck,
        "carers": list(person.carers.order_by("-active", "name")),
        # A person re-rated after leaving is back on the register: the old exit is history, not news.
        "exit": person.exits.select_related("recorded_by").first()
        if person.status == RegisterStatus.LEFT
        else None,
    }


def _one_of(records, pk, what: str):
    """One of a person's records (their rating decisions, their carers) by its id, or 404."""
    pk = whole_number(pk)
    record = records.filter(pk=pk).first() if pk is not None else None
    if record is None:
        raise Http404(f"No such {what}")
    return record


def rating_decision_of(person: Person, pk) -> RatingDecision:
    """One of this person's rating decisions, or 404."""
    return _one_of(person.rating_decisions, pk, "rating decision")


def carer_of(person: Person, pk) -> Carer:
    """One of this person's carers, or 404."""
    return _one_of(person.carers, pk, "carer")


# ------------------------------------------------------------------------------------------ instruments


def instruments_for(user: User) -> list[InstrumentVersion]:
    """The shipped defaults and this ICB's own versions, newest first within each instrument."""
    stored = list(InstrumentVersion.objects.filter(Q(icb_id=user.icb_id) | Q(icb__isnull=True)))
    stored_defaults = {i.slug for i in stored if i.icb_id is None}
    shipped = [_shipped(data) for data in load_default_instruments() if data["slug"] not in stored_defaults]
    return sorted(stored + shipped, key=lambda i: (i.population, i.slug, -i.version, i.icb_id is None))


def instrument_for(user: User, pk) -> InstrumentVersion:
    instrument = (
        InstrumentVersion.objects.filter(Q(icb_id=user.icb_id) | Q(icb__isnull=True), pk=pk).first()
        if (pk := whole_number(pk)) is not None
        else None
    )
    if instrument is None:
        raise Http404("No such instrument")
    return instrument


def _shipped(data: dict) -> InstrumentVersion:
    """A shipped default not yet stored (it is stored the first time a decision uses it)."""
    return InstrumentVersion(
        icb=None, slug=data["slug"], name=data["name"], version=1, population=data["population"], data=data
    )


def active_instrument(person: Person, *, today: dt.date | None = None) -> InstrumentVersion | None:
    """The instrument to rate this person with: their ICB's active version for the person's population (the
    child instrument on the children and young people's pathway), else the shipped default."""
    today = today or get_today()
    population = "child" if pathway_of(person, today) is Pathway.CYP else "adult"
    mine = (
        InstrumentVersion.objects.filter(
            icb_id=person.icb_id, active=True, population__in=[population, "both"]
        )
        .order_by("-created_at", "-version")
        .first()
    )
    if mine is not None:
        return mine
    default = (
        InstrumentVersion.objects.filter(icb__isnull=True, active=True, population=population)
        .order_by("-version")
        .first()
    )
    if default is not None:
        return default
    shipped = [d for d in load_default_instruments() if d["population"] == population]
    return _shipped(shipped[0]) if shipped else None


def suggestion(instrument: InstrumentVersion, answers: dict) -> tuple[int, str]:
    """The instrument's score for these answers and the rating its bands suggest."""
    total = score(instrument.data, answers)
    return total, band(instrument.data, total)


def latest_given_by(person: Person, on: dt.date | None = None) -> str:
    """Who gave the consent in force on a date (today when not given): the latest consent given or checked on
    or before it that names who gave it; the person themselves when none does."""
    return (
        ConsentRecord.objects.filter(
            person=person, kind__in=[ConsentKind.GIVEN, ConsentKind.CHECKED], date__lte=on or get_today()
        )
        .exclude(given_by="")
        .order_by("-date", "-id")
        .values_list("given_by", flat=True)
        .first()
        or GivenBy.PERSON
    )
