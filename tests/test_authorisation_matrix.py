"""The authorisation matrix: every page in OpenDSR, for every role, for a person of the user's own ICB and a
person of another ICB.

How it works
------------
- It discovers every URL pattern by walking `get_resolver().url_patterns`, so a page added later is covered
  without editing this file.
- Each URL argument is filled from KWARG_VALUES by its name: `pk`, `person_pk` and `person_id` are the person;
  `user_pk` and `team_pk` are a user and a team of that person's ICB; any other `<thing>_pk` or `<thing>_id`
  is an object of the model named `<thing>` (looked up across the installed apps), created for that person by
  `make_for_person`. An argument nobody knows how to fill FAILS the test, naming the URL and argument.
- What a page needs comes from the view itself: `@access.requires(Action.X)` sets `view.required_action`.
  Pages that do not (yet) declare it can be listed in EXPECTED_ACTION below; pages any logged-in user may open
  are in OPEN_TO_EVERY_USER; pages under the middleware's open prefixes (/login...) are public.
- Whether the person is visible comes from `access.people_for(user)`, the same function the views use.

What it asserts (collecting every problem for a role, then failing once with the full list)
- no page ever answers 500;
- anonymous users are sent to log in (public pages excepted);
- a person of another ICB, or anything of theirs, is a 404 for every role. A role that may never use the page
  gets the same 403 for every id, which reveals nothing, so 403 is accepted there when the URL names no person;
  405 (method not allowed) is accepted for the same reason;
- for the own ICB's person: a role with the page's action, who can see the person, gets 200 or 302 (or 405 for
  a POST-only page); a role without the action, or who cannot see the person, gets 403 or 404;
- a GET never changes anything but the session and the audit trail, and an empty POST from a role without the
  action, or about another ICB's person, changes nothing and is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import connection, models, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from opendsr.accounts import access
from opendsr.accounts.access import PERMISSIONS, Action, required_action_of
from opendsr.accounts.middleware import OPEN_PREFIXES
from opendsr.accounts.models import Organisation, Role, Team, User
from opendsr.register.models import InstrumentVersion, Obligation, Person, TimelineEvent
from tests.conftest import TODAY, verify
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, UserFactory

ROLES = [
    Role.DSR_LEAD,
    Role.CASE_MANAGER,
    Role.PROFESSIONAL,
    Role.PANEL_MEMBER,
    Role.OVERSIGHT_PANEL,
    Role.ANALYST,
    Role.REGIONAL,
]
PERSON_KWARGS = {"pk", "person_pk", "person_id"}

# Pages any logged-in user may open, whatever their role.
OPEN_TO_EVERY_USER = {"web:home", "web:accessibility", "web:privacy", "accounts:logout"}

# Pages that check access in their body rather than with `@access.requires`: url name -> action.
EXPECTED_ACTION: dict[str, Action] = {}

# A GET may write only these tables (the session, the audit trail); a few pages have a reason to write more.
GET_MAY_WRITE = {"django_session", "accounts_auditevent"}
GET_MAY_ALSO_WRITE = {
    "accounts:setup": {
        "otp_totp_totpdevice"
    },  # creates the not-yet-confirmed authenticator to show its QR code
}


# ------------------------------------------------------------------------------------------------ discovery


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route itself when unnamed
    route: str  # "people/<int:pk>/"
    kwargs: tuple[str, ...]
    callback: object
    named: bool = True

    @property
    def path_prefix(self) -> str:
        return "/" + re.split(r"<", self.route, maxsplit=1)[0]

    @property
    def public(self) -> bool:
        return self.path_prefix.startswith(OPEN_PREFIXES) or self.route == "robots.txt"

    @property
    def names_a_person(self) -> bool:
        return bool(PERSON_KWARGS & set(self.kwargs))


def _walk(patterns, prefix="", namespaces=()):
    for item in patterns:
        if isinstance(item, URLResolver):
            spaces = (*namespaces, item.namespace) if item.namespace else namespaces
            yield from _walk(item.url_patterns, prefix + str(item.pattern), spaces)
        elif isinstance(item, URLPattern):
            route = prefix + str(item.pattern)
            kwargs = tuple(re.findall(r"<(?:\w+:)?(\w+)>", route)) or tuple(item.pattern.regex.groupindex)
            name = ":".join((*namespaces, item.name)) if item.name else route
            yield Route(name=name, route=route, kwargs=kwargs, callback=item.callback, named=bool(item.name))


def discover() -> list[Route]:
    return sorted(_walk(get_resolver().url_patterns), key=lambda r: r.route)


def expected_action(route: Route) -> Action | None:
    return required_action_of(route.callback) or EXPECTED_ACTION.get(route.name)


# --------------------------------------------------------------------------------------------- the people


class World:
    """One role's user, a person of their ICB and a person of another ICB, and the objects URLs name."""

    def __init__(self, role: Role):
        self.icb = OrganisationFactory(name="NHS Matrix ICB")
        self.other_icb = OrganisationFactory(name="NHS Elsewhere ICB")
        self.team = TeamFactory(icb=self.icb)
        other_team = TeamFactory(icb=self.other_icb)
        team = self.team if role == Role.PROFESSIONAL else None
        self.user = UserFactory(role=role, icb=self.icb, team=team, email=f"{role}@matrix.example")
        self.people = {
            "own": PersonFactory(icb=self.icb, team=self.team),
            "other": PersonFactory(icb=self.other_icb, team=other_team),
        }
        for person in self.people.values():
            # Due for the oversight panel, so oversight panel members can see them (access.people_for).
            Obligation.objects.create(
                person=person,
                kind="oversight_panel_review",
                raised_on=TODAY - dt.timedelta(days=1),
                basis="s18: for the matrix",
            )
        self._objects: dict[tuple[str, str], object] = {}

    def visible(self, person: Person) -> bool:
        return access.people_for(self.user).filter(pk=person.pk).exists()

    def value(self, route: Route, kwarg: str, which: str):
        """The value for one URL argument, and the object it names (for visibility)."""
        person = self.people[which]
        if kwarg in PERSON_KWARGS:
            return person.pk, person
        key = (kwarg, which)
        if key not in self._objects:
            maker = KWARG_VALUES.get(kwarg) or _model_maker(kwarg)
            if maker is None:
                pytest.fail(
                    f"{route.name} ({route.route}): the matrix does not know how to fill the URL argument "
                    f"'{kwarg}'. Add it to KWARG_VALUES in tests/test_authorisation_matrix.py."
                )
            try:
                with transaction.atomic():
                    self._objects[key] = maker(person)
            except Exception as error:  # noqa: BLE001 - report which URL could not be filled, and why
                pytest.fail(
                    f"{route.name} ({route.route}): could not make a '{kwarg}' for a person: {error!r}"
                )
        made = self._objects[key]
        if isinstance(made, tuple):
            return made
        return made.pk, made


def _user_in(person: Person) -> User:
    return UserFactory(role=Role.CASE_MANAGER, icb=person.icb)


def _link_parts(person: Person):
    user = _user_in(person)
    from django.contrib.auth.tokens import default_token_generator

    return {
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }


# Arguments that name no record (a file format, a link's token): the page is the same for either ICB.
VALUE_KWARGS = {"fmt", "format", "uidb64", "token", "letter_kind", "question", "kloe_set", "ods_code", "step"}

KWARG_VALUES = {
    "user_pk": _user_in,
    "team_pk": lambda person: TeamFactory(icb=person.icb),
    "organisation_pk": lambda person: person.icb,
    "uidb64": lambda person: (_link_parts(person)["uid"], None),
    "token": lambda person: ("set-password-token", None),
    "event_pk": lambda person: TimelineEvent.objects.create(person=person, date=TODAY, type="mdt_held"),
    "fmt": lambda person: ("csv", None),  # an export's file format
    # A risk instrument version belonging to the person's ICB (the shipped defaults have no ICB).
    "instrument_pk": lambda person: InstrumentVersion.objects.create(
        icb=person.icb, slug="matrix", name="Matrix", population="adult", data={"items": [], "bands": []}
    ),
    "format": lambda person: ("csv", None),
    "letter_kind": lambda person: ("acknowledgement", None),  # a letter template, always the user's own ICB's
    "question": lambda person: ("safe", None),  # one of a review's six questions
    "kloe_set": lambda person: ("community-adult", None),  # key lines of enquiry, always the user's own ICB's
    "ods_code": lambda person: (person.icb.ods_code or "QZ9", None),  # an ICB's public pages (no log-in)
    "step": lambda person: ("who", None),  # a question page of the public referral form
    "easyreadpicture_pk": lambda person: _picture(person),
    "import_pk": lambda person: _finished_import(person),  # a spreadsheet import into the person's ICB
    "monthlyreturn_pk": lambda person: _monthly_return(person),  # the ICB's figures for January 2027, kept
    "duplicate_pk": lambda person: _duplicate_of(person),  # another record of the person, to merge with
}


def _monthly_return(person: Person):
    from opendsr.reporting import returns

    return returns.build(person.icb, dt.date(2027, 1, 1))


def _duplicate_of(person: Person) -> Person:
    """A second record of the same person on their register (another NHS number, the same name and birth)."""
    return PersonFactory(
        icb=person.icb,
        team=person.team,
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
    )


def _finished_import(person: Person):
    from django.utils import timezone

    from opendsr.imports.models import RegisterImport

    return RegisterImport.objects.create(
        icb=person.icb,
        uploaded_by=_user_in(person),
        file_name="matrix.csv",
        status="done",
        headers=["NHS No"],
        summary={"added": 0},
        imported_at=timezone.now(),
    )


def _picture(person: Person):
    """An easy read picture of the person's ICB (its file name only: no file is written)."""
    from opendsr.public.models import EasyReadPicture

    return EasyReadPicture.objects.create(
        icb=person.icb, image="easy-read/matrix.png", alt_text="Matrix", sentence="Matrix"
    )


# ------------------------------------------------------------------------------------- making any object


def _model_maker(kwarg: str):
    stem = re.sub(r"_(pk|id)$", "", kwarg)
    if stem == kwarg:
        return None
    wanted = stem.replace("_", "")
    for model in apps.get_models():
        if model._meta.model_name == wanted and model._meta.app_label not in {"auth", "contenttypes"}:
            return lambda person, model=model: make_for_person(model, person)
    return None


def make_for_person(model, person: Person, depth: int = 0):
    """Create a `model` row belonging to `person` (or their ICB), filling each required field sensibly."""
    values = {}
    for field in model._meta.concrete_fields:
        automatic = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        if field.primary_key or field.null or field.has_default() or automatic:
            continue
        if field.blank and isinstance(field, models.CharField | models.TextField) and not field.choices:
            continue  # an empty string will do
        if field.blank and isinstance(field, models.FileField):
            continue  # no file
        values[field.name] = _value_for(field, person, depth)
    return model.objects.create(**values)


def _value_for(field, person: Person, depth: int):
    if field.is_relation:
        target = field.related_model
        if target is Person:
            return person
        if target is Organisation:
            return person.icb
        if target is Team:
            return person.team or TeamFactory(icb=person.icb)
        if target is User:
            return _user_in(person)
        if depth > 3:
            raise RuntimeError(f"{field} nests too deep to fill")
        return make_for_person(target, person, depth + 1)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return "someone@matrix.example"
    if isinstance(field, models.CharField | models.TextField):
        return "Matrix"[: field.max_length or 6]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return dt.datetime(2027, 2, 1, 10, 0, tzinfo=dt.UTC)
    if isinstance(field, models.DateField):
        return TODAY - dt.timedelta(days=7)
    if isinstance(field, models.DecimalField):
        return 1
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.JSONField):
        return {}
    raise RuntimeError(f"no value for {field}")


# --------------------------------------------------------------------------------------------- requesting


def _url(route: Route, values: dict) -> str:
    if route.named:
        return reverse(route.name, kwargs=values or None)
    path = route.route
    for key, value in values.items():
        path = re.sub(rf"<(?:\w+:)?{key}>", str(value), path)
    return "/" + path


def _writes(queries, allowed: set[str]) -> list[str]:
    changed = []
    for query in queries:
        sql = query["sql"].lstrip().upper()
        if sql.startswith(("INSERT", "UPDATE", "DELETE")):
            match = re.search(r'(?:INTO|UPDATE|FROM)\s+"?(\w+)"?', query["sql"], re.IGNORECASE)
            table = match.group(1) if match else "?"
            if table not in allowed:
                changed.append(table)
    return changed


def _fill(world: World, route: Route, which: str) -> tuple[str, list]:
    values, objects = {}, []
    for kwarg in route.kwargs:
        value, made = world.value(route, kwarg, which)
        values[kwarg] = value
        if made is not None:
            objects.append(made)
    if "uidb64" in values and "token" in values:
        parts = _link_parts(world.people[which])
        values["uidb64"], values["token"] = parts["uid"], parts["token"]
    return _url(route, values), objects


def _refusal(route: Route, has_action: bool, can_see: bool) -> int:
    """The one right refusal (docs/adr/0002): a page the role may never use is 403 for every id; otherwise a
    person the user cannot see is 404 whatever their role (404 before 403), and a visible one without the
    action is 403."""
    if not has_action and not route.names_a_person:
        return 403
    return 403 if can_see else 404


def _can_see(world: World, objects: list) -> bool:
    for made in objects:
        person = made if isinstance(made, Person) else getattr(made, "person", None)
        if isinstance(person, Person) and not world.visible(person):
            return False
    return True


ROUTES = discover()


# ---------------------------------------------------------------------------------------------------- tests


@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_this_role(db, role):
    world = World(role)
    client = Client()
    problems: list[str] = []
    granted = PERMISSIONS[role]

    for route in ROUTES:
        if route.public:
            continue
        action = expected_action(route)
        names_something = any(kwarg not in VALUE_KWARGS for kwarg in route.kwargs)
        for which in ("own", "other") if names_something else ("own",):
            url, objects = _fill(world, route, which)
            verify(client, world.user)
            allowed_writes = GET_MAY_WRITE | GET_MAY_ALSO_WRITE.get(route.name, set())
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            status = response.status_code
            where = f"{role} GET {url} [{route.name}, {which} ICB]"
            if status >= 500:
                problems.append(f"{where}: {status}")
                continue
            if writes := _writes(queries.captured_queries, allowed_writes):
                problems.append(f"{where}: a GET changed {sorted(set(writes))}")

            has_action = action is None and route.name in OPEN_TO_EVERY_USER or action in granted
            if which == "other":
                refused = _refusal(route, has_action, can_see=False)
                if status not in {refused, 405}:
                    problems.append(f"{where}: {status}, expected {refused} for another ICB's person")
            elif action is not None or route.name in OPEN_TO_EVERY_USER:
                if has_action and _can_see(world, objects):
                    if status not in {200, 302, 405}:
                        problems.append(f"{where}: {status}, but {role} has {action} and can see the person")
                elif status not in {refused := _refusal(route, has_action, _can_see(world, objects)), 405}:
                    problems.append(
                        f"{where}: {status}, expected {refused}: {role} lacks {action} or cannot see"
                    )

            if status == 405 and route.name != "accounts:logout":
                verify(client, world.user)
                may_post = has_action and which == "own" and _can_see(world, objects)
                with CaptureQueriesContext(connection) as queries:
                    posted = client.post(url, {})
                if posted.status_code >= 500:
                    problems.append(f"{role} POST {url} [{route.name}, {which} ICB]: {posted.status_code}")
                elif not may_post:
                    refused = _refusal(route, has_action, which == "own" and _can_see(world, objects))
                    if posted.status_code != refused:
                        problems.append(
                            f"{role} POST {url} [{route.name}, {which} ICB]: {posted.status_code}, expected {refused}"
                        )
                    if writes := _writes(queries.captured_queries, GET_MAY_WRITE):
                        problems.append(
                            f"{role} POST {url} [{route.name}, {which} ICB]: refused but changed {writes}"
                        )

    assert not problems, f"{len(problems)} problem(s) for {role}:\n" + "\n".join(problems)


def test_anonymous_users_are_sent_to_log_in(db):
    world = World(Role.DSR_LEAD)
    client = Client()
    problems = []
    for route in ROUTES:
        url, _ = _fill(world, route, "own")
        response = client.get(url)
        if response.status_code >= 500:
            problems.append(f"GET {url} [{route.name}]: {response.status_code}")
        elif route.public:
            if response.status_code == 302 and response["Location"].startswith(
                reverse("accounts:login") + "?"
            ):
                problems.append(f"GET {url} [{route.name}]: a public page asks for a log-in")
        elif response.status_code != 302 or not response["Location"].startswith(reverse("accounts:login")):
            problems.append(
                f"GET {url} [{route.name}]: {response.status_code}, expected a redirect to log in"
            )
    assert not problems, "\n".join(problems)


def test_every_page_says_what_it_needs():
    """A page that is neither public, open to every user, marked with `@access.requires`, nor listed in
    EXPECTED_ACTION cannot be checked against the permission table: name it here so it is noticed."""
    unknown = [
        f"{r.name} ({r.route})"
        for r in ROUTES
        if not r.public and r.name not in OPEN_TO_EVERY_USER and expected_action(r) is None
    ]
    assert not unknown, "Declare the action these pages need with @access.requires(...):\n" + "\n".join(
        unknown
    )


def test_the_matrix_sees_the_pages_it_should():
    names = {route.name for route in ROUTES}
    assert {"accounts:users", "accounts:user", "accounts:audit", "web:admin_home"} <= names
    user_page = next(r for r in ROUTES if r.name == "accounts:user")
    assert user_page.kwargs == ("user_pk",)
    assert required_action_of(user_page.callback) == Action.MANAGE_USERS
    assert next(r for r in ROUTES if r.name == "accounts:login").public
    # s14.4: the regional lead's long-term segregation list names no person in its URL, so every role without
    # the action gets the same 403; only the regional team has it.
    for name in ("inpatients:region_segregation", "inpatients:region_segregation_export"):
        page = next(r for r in ROUTES if r.name == name)
        assert not page.names_a_person and required_action_of(page.callback) == Action.VIEW_REGION_LTS
    assert [role for role in ROLES if Action.VIEW_REGION_LTS in PERMISSIONS[role]] == [Role.REGIONAL]


def test_an_unknown_url_argument_fails_loudly(db):
    world = World(Role.DSR_LEAD)
    route = Route(
        name="example:page", route="example/<int:mystery_thing>/", kwargs=("mystery_thing",), callback=None
    )
    with pytest.raises(pytest.fail.Exception, match="example:page .*'mystery_thing'"):
        _fill(world, route, "own")
