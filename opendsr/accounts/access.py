"""Who may see and do what. This is the one module that decides access; views ask it, never decide.

Two questions:
- which people may this user see at all (`people_for`): always within their own ICB, narrowed by team,
  by the reviews they sit on, or by the oversight cohort, depending on role;
- may this user take this action (`allowed`): a fixed table by role, below.

A person outside what `people_for` returns does not exist for that user (404, never 403), so nobody learns
that a person is on another ICB's register.

One read crosses ICBs, for one purpose: `region_people_in_segregation`, the NHS regional lead's list of the
people of their region in long-term segregation (s14.4). It opens no person's record.
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref
from collections.abc import Callable
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from opendsr.accounts import audit
from opendsr.accounts.models import Organisation, OrganisationKind, Role, User


class Action(StrEnum):
    # Register-wide
    VIEW_REGISTER = "view_register"  # the register list and search
    EXPORT_REGISTER = "export_register"
    VIEW_WORK = "view_work"  # "My work"
    VIEW_REVIEWS = "view_reviews"  # the C(E)TR list (a panel member's: the reviews they sit on)
    VIEW_ICB_WORK = "view_icb_work"  # the ICB-wide work view
    VIEW_COHORT = (
        "view_cohort"  # the oversight panel cohort, and the ICS oversight panel's meetings and papers
    )
    MANAGE_OVERSIGHT_PANEL = "manage_oversight_panel"  # its membership, meetings, agenda, minutes and actions
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    MANAGE_INSTRUMENTS = "manage_instruments"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_REFERRALS = "manage_referrals"  # referral inbox, letters
    RECORD_REFERRAL = (
        "record_referral"  # refer someone they can see to the DSR team (s3): a referral, nothing more
    )
    MANAGE_PANEL_DIRECTORY = "manage_panel_directory"
    VIEW_PAYMENTS = "view_payments"
    VIEW_FIGURES = "view_figures"  # anonymised figures (Appendix 9)
    VIEW_REGION_FIGURES = (
        "view_region_figures"  # every ICB of the region side by side, anonymised (Appendix 9)
    )
    VIEW_REGION_LTS = "view_region_lts"  # the region's long-term segregation list, with names (s14.4)
    IMPORT_REGISTER = "import_register"  # bring an existing register in from a spreadsheet (the DSR lead)
    MANAGE_MEETINGS = "manage_meetings"  # schedule and run the multi-agency DSR meeting (000 Part 1)
    VIEW_ESCALATIONS = (
        "view_escalations"  # escalations to senior managers (s4): the lead's and a manager's own
    )
    USE_API = "use_api"  # make personal API tokens; the API then allows what the role allows (opendsr.api)
    MERGE_RECORDS = "merge_records"  # find duplicate records, merge them and undo a merge (the DSR lead)
    TRANSFER_PEOPLE = (
        "transfer_people"  # propose, accept or decline moving a person to another ICB (the DSR lead)
    )
    # About one person
    VIEW_PERSON = "view_person"  # pages about a person they may see (for a panel member: their reviews)
    VIEW_RECORD = "view_record"  # the person's whole record: their page and timeline
    EDIT_PERSON = "edit_person"
    ALLOCATE = "allocate"  # give a person a team and a case manager (the DSR lead)
    RECORD_EVENT = "record_event"
    RECORD_RATING = "record_rating"
    MANAGE_CONSENT = "manage_consent"
    REMOVE_FROM_REGISTER = "remove_from_register"
    MANAGE_REVIEWS = "manage_reviews"  # organise and run C(E)TRs
    CONTRIBUTE_REVIEW = "contribute_review"  # panel members record findings on reviews they sit on


_ALL = frozenset(Action)
_CASE_WORK = frozenset(
    {
        Action.VIEW_REGISTER,
        Action.EXPORT_REGISTER,
        Action.VIEW_WORK,
        Action.VIEW_REVIEWS,
        Action.VIEW_COHORT,
        Action.MANAGE_OVERSIGHT_PANEL,
        Action.MANAGE_REFERRALS,
        Action.RECORD_REFERRAL,
        Action.MANAGE_PANEL_DIRECTORY,
        Action.VIEW_PAYMENTS,
        Action.VIEW_FIGURES,
        Action.MANAGE_MEETINGS,
        Action.VIEW_ESCALATIONS,
        Action.USE_API,
        Action.VIEW_PERSON,
        Action.VIEW_RECORD,
        Action.EDIT_PERSON,
        Action.RECORD_EVENT,
        Action.RECORD_RATING,
        Action.MANAGE_CONSENT,
        Action.REMOVE_FROM_REGISTER,
        Action.MANAGE_REVIEWS,
        Action.CONTRIBUTE_REVIEW,
    }
)

PERMISSIONS: dict[str, frozenset[Action]] = {
    Role.DSR_LEAD: _ALL - {Action.VIEW_REGION_FIGURES, Action.VIEW_REGION_LTS},
    Role.CASE_MANAGER: _CASE_WORK,
    Role.PROFESSIONAL: frozenset(
        {
            Action.VIEW_REGISTER,
            Action.VIEW_WORK,
            Action.VIEW_REVIEWS,
            Action.VIEW_ESCALATIONS,  # a senior manager in a partner organisation sees what reaches them
            Action.USE_API,
            Action.VIEW_PERSON,
            Action.VIEW_RECORD,
            Action.EDIT_PERSON,
            Action.RECORD_EVENT,
            Action.RECORD_REFERRAL,  # refer someone in their team; the inbox stays the DSR team's
        }
    ),
    # A panel member sees the reviews they sit on and what those need, never the person's whole record.
    Role.PANEL_MEMBER: frozenset({Action.VIEW_REVIEWS, Action.VIEW_PERSON, Action.CONTRIBUTE_REVIEW}),
    Role.OVERSIGHT_PANEL: frozenset({Action.VIEW_COHORT, Action.VIEW_PERSON, Action.VIEW_RECORD}),
    Role.ANALYST: frozenset({Action.VIEW_FIGURES}),
    # A regional team sees the anonymised figures of every ICB in its home ICB's region, and never a person's
    # record. The one list of named people it sees is the long-term segregation list: s14.4 makes "the NHS
    # regional lead responsible for reporting to the national team every six weeks to identify people subject to
    # LTS and therefore entitled to an IC(E)TR", which needs who they are (`region_people_in_segregation`).
    Role.REGIONAL: frozenset({Action.VIEW_REGION_FIGURES, Action.VIEW_REGION_LTS}),
}


def allowed(user: User, action: Action | str) -> bool:
    if not user.is_authenticated or not user.is_active or user.icb_id is None:
        return False
    return Action(action) in PERMISSIONS.get(user.role, frozenset())


def require(user: User, action: Action | str) -> None:
    if not allowed(user, action):
        raise PermissionDenied


# The rooms above accounts answer the questions that depend on their records, registered at start-up in their
# `AppConfig.ready` (accounts never imports them): the register says where people are kept and who the oversight
# panel follows; the reviews app says whose C(E)TR a panel member sits on.
PeopleSource = Callable[[], QuerySet]
RoleRule = Callable[[User, QuerySet], QuerySet]
# `source(people, start, end)`: those of `people` in long-term segregation at any time from `start` to `end`.
SegregationSource = Callable[[QuerySet, dt.date, dt.date], QuerySet]
_people_source: PeopleSource | None = None
_role_rules: dict[str, RoleRule] = {}
_segregation_source: SegregationSource | None = None


def register_people(source: PeopleSource) -> None:
    """The register says where people are kept: `source()` is every person, in every ICB."""
    global _people_source
    _people_source = source


def register_role_rule(role: str, rule: RoleRule) -> None:
    """`rule(user, people_of_their_icb)` narrows what a user of this role sees, for rules that depend on records
    kept above accounts (reviews a panel member sits on, the oversight panel's cohort)."""
    _role_rules[Role(role)] = rule


def register_segregation(source: SegregationSource) -> None:
    """The inpatient record says who was in long-term segregation in a period (for the regional lead, s14.4)."""
    global _segregation_source
    _segregation_source = source


def _everyone() -> QuerySet:
    if _people_source is None:
        raise ImproperlyConfigured("No register of people: is opendsr.register in INSTALLED_APPS?")
    return _people_source()


def people_for(user: User) -> QuerySet:
    """Every person this user may see: never outside their own ICB."""
    everyone = _everyone()
    if not user.is_authenticated or not user.is_active or user.icb_id is None:
        return everyone.none()
    mine = everyone.filter(icb_id=user.icb_id)
    role = user.role
    if role == Role.DSR_LEAD:
        return mine
    if role == Role.CASE_MANAGER:
        return mine.filter(team_id=user.team_id) if user.team_id else mine
    if role == Role.PROFESSIONAL:
        return mine.filter(team_id=user.team_id) if user.team_id else mine.none()
    if role in (Role.PANEL_MEMBER, Role.OVERSIGHT_PANEL):
        rule = _role_rules.get(role)
        if rule is None:
            raise ImproperlyConfigured(f"No visibility rule registered for the {role} role")
        return rule(user, mine)
    return mine.none()


def icbs_in_region_of(user: User) -> list[Organisation]:
    """The ICBs in the region of the user's home ICB: never a person, only organisations."""
    icbs = _region_icbs(user)
    return [] if icbs is None else list(icbs.order_by("name"))


def _region_icbs(user: User) -> QuerySet | None:
    """The ICBs of the user's home ICB's region, not yet read (None when the home ICB has no region)."""
    home = user.icb if user.is_authenticated and user.icb_id else None
    if home is None or not home.region:
        return None
    return Organisation.objects.filter(kind=OrganisationKind.ICB, region=home.region)


def region_people_in_segregation(user: User, start: dt.date, end: dt.date) -> QuerySet:
    """s14.4: the people of every ICB in the user's region who were in long-term segregation at any time from
    `start` to `end`, for the NHS regional lead's report to the national team. Only for that list: it is the one
    read that crosses ICBs, so it answers no one but a user with VIEW_REGION_LTS, never anyone outside their
    region, and never anyone not in long-term segregation in the period. The page that shows them audits the
    listing (`audit.listed`) and the download (`exports.download`); no link leads from it to a person's record.
    """
    everyone = _everyone()
    if not allowed(user, Action.VIEW_REGION_LTS):
        return everyone.none()
    icbs = _region_icbs(user)  # read with the people, in the same query
    if icbs is None:
        return everyone.none()
    if _segregation_source is None:
        raise ImproperlyConfigured("No inpatient record: is opendsr.inpatients in INSTALLED_APPS?")
    return _segregation_source(everyone.filter(icb__in=icbs), start, end)


def person_for(user: User, pk: int, action: Action | str = Action.VIEW_PERSON):
    """The person with this id if the user may see them and take the action: 404 if not visible, 403 if the
    person is visible but the action is not theirs to take."""
    # Ids come from URLs (digits only); a caller reading one from a query string parses it first with
    # opendsr.web.params.whole_number. Anything else is no one.
    text = str(pk)
    known = text.isascii() and text.isdigit() and len(text) <= 18
    person = people_for(user).filter(pk=int(text)).first() if known else None
    if person is None:
        raise Http404("No such person")
    require(user, action)
    return person


def requires(action: Action | str, *, person_kwarg: str | None = None):
    """Declare, and enforce, the action a view needs.

    `@requires(Action.MANAGE_USERS)` refuses users whose role lacks the action (403). With
    `person_kwarg="person_pk"` the person named by that URL argument is looked up first, so a person the user
    cannot see is a 404 whatever their role (the 404-not-403 rule), and only then is the action checked.

    A page that shows a person (the person named by `person_kwarg`, or noted with `audit.shows` by the view)
    writes a "person.viewed" audit row when it answers a GET, unless the view recorded its own.

    The decorated view carries `required_action` (and `person_kwarg`), which the authorisation matrix test
    reads to know what every page should allow. `functools.wraps` copies these attributes through any
    decorators applied on top (such as `require_POST`).
    """
    action = Action(action)

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if person_kwarg is None:
                require(request.user, action)
            else:
                audit.shows(request, person_for(request.user, kwargs.get(person_kwarg, ""), action))
            response = view(request, *args, **kwargs)
            if (
                request.method == "GET"
                and getattr(response, "status_code", None) == 200
                and not getattr(request, "audited", False)
            ):
                for person in getattr(request, "people_shown", ()):
                    audit.viewed(request, page_name(request, person), person=person)
            return response

        wrapper.required_action = action
        wrapper.person_kwarg = person_kwarg
        return wrapper

    return decorate


def page_name(request, person) -> str:
    """How the audit trail names a page about a person: "the carer edit page for Ada Lovelace"."""
    match = getattr(request, "resolver_match", None)
    words = (match.url_name or "").replace("_", " ") if match else ""
    return f"the {words} page for {person.full_name}" if words else f"a page about {person.full_name}"


def required_action_of(view) -> Action | None:
    """The action a view declared with `requires`, for function views and class-based views alike."""
    action = getattr(view, "required_action", None)
    if action is None and hasattr(view, "view_class"):
        action = getattr(view.view_class, "required_action", None)
    return Action(action) if action else None


def link(user: User, name: str, *args, query: str = "") -> str | None:
    """The address of a page if this user's role may open it, else None: links a user cannot follow are not
    shown. Which action a page needs is what its view declares with `requires`; pages that declare none are
    open to every logged-in user."""
    from django.urls import NoReverseMatch, reverse

    try:
        url = reverse(name, args=args or None)
    except NoReverseMatch:
        return None
    action = _action_of_route(name, url, len(args))
    if action is not None and not allowed(user, action):
        return None
    return url + (f"?{query}" if query else "")


# The action each named page needs, found once per name: resolving an address back to its view costs several
# times what making the address does, and a work queue page makes a few hundred. Kept for each URL
# configuration (a test may swap it), so that a new one is read afresh.
_route_actions: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _action_of_route(name: str, url: str, arguments: int) -> Action | None:
    from django.urls import get_resolver, get_urlconf, resolve

    actions = _route_actions.setdefault(get_resolver(get_urlconf()), {})
    key = (name, arguments)
    if key not in actions:
        actions[key] = required_action_of(resolve(url).func)
    return actions[key]
