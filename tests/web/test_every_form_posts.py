"""Every form in OpenDSR, posted as a user would post it: filled in with sensible answers, it is saved and the
user is sent on (POST-redirect-GET), never shown a server error.

How it works
------------
- FORM_PAGES names each page with a form that saves something, the role that uses it, and the answers to give
  where the usual ones will not do. Each page is opened with GET; its form is read from the HTML (hidden
  fields, what is already filled in or chosen, the options offered), the empty fields are filled in as a user
  would (`answer_for`), and it is posted back.
- `test_every_page_with_a_form_is_posted_here` opens every page OpenDSR has, as each role, and fails when a
  page shows a form that saves something and FORM_PAGES does not post it, so a new form cannot go untried.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import resolve, reverse

from opendsr.accounts.models import Role
from opendsr.register.nhs_numbers import test_range
from tests.conftest import TODAY, verify
from tests.test_authorisation_matrix import ROLES as MATRIX_ROLES
from tests.test_authorisation_matrix import ROUTES, World, _fill

# ------------------------------------------------------------------------------------------ reading forms


@dataclass
class Control:
    kind: str  # input type, "textarea" or "select"
    name: str
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    method: str
    controls: list[Control] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value) of named submit buttons


class FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Control | None = None
        self._select: Control | None = None
        self._option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                self._form.buttons.append((a["name"], a.get("value", "")))
            elif kind != "file":
                self._form.controls.append(
                    Control(
                        kind,
                        a["name"],
                        a.get("value", "on" if kind in ("radio", "checkbox") else ""),
                        checked="checked" in a,
                    )
                )
        elif tag == "button" and a.get("name") and a.get("type", "submit") == "submit":
            self._form.buttons.append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = Control("textarea", a["name"])
            self._form.controls.append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = Control("select", a["name"])
            self._form.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = a.get("value")
            if self._option is not None:
                self._select.options.append(self._option)
                if "selected" in a:
                    self._select.selected.append(self._option)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        elif self._select is not None and self._option is None and data.strip():
            pass

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None


def post_forms(html: str) -> list[Form]:
    reader = FormReader()
    reader.feed(html)
    return [
        form
        for form in reader.forms
        if form.method == "post" and not urlsplit(form.action).path.startswith(reverse("accounts:logout"))
    ]


# ------------------------------------------------------------------------------------------ answering forms

NHS_NUMBERS = test_range(930_000)
ANSWERS = [
    # (a pattern the field's name matches, the answer), first match wins
    (r"(birth|dob).*_day$", "2"),
    (r"(birth|dob).*_month$", "4"),
    (r"(birth|dob).*_year$", "2001"),
    (r"_day$", str(TODAY.day)),
    (r"_month$", str(TODAY.month)),
    (r"_year$", str(TODAY.year)),
    (r"email", "someone@example.org"),
    (r"nhs_number", None),  # a fresh valid test number each time
    (r"phone", "0300 000 0000"),
    (r"postcode", "LS1 4AP"),
    (r"password", "A long passphrase, not a guessable one 2027"),
    (r"(^|_)(url|link|website)$", "https://example.org/"),
    (r"(^|_)(time|starts_at)$", "10:00"),
    (r"(amount|cost|fee|rate|hours|weight|score|number|count|minutes|days|limit)", "1"),
]


def answer_for(control: Control) -> str:
    for pattern, answer in ANSWERS:
        if re.search(pattern, control.name):
            return next(NHS_NUMBERS) if answer is None else answer
    return "Words a user typed."


def fill(form: Form, overrides: dict) -> dict:
    data: dict[str, list[str]] = {}
    radios: dict[str, list[Control]] = {}
    for control in form.controls:
        if control.kind == "radio":
            radios.setdefault(control.name, []).append(control)
        elif control.kind == "checkbox":
            if control.checked:
                data.setdefault(control.name, []).append(control.value)
        elif control.kind == "select":
            chosen = control.selected or [o for o in control.options if o][:1] or control.options[:1]
            data[control.name] = chosen[:1]
        elif control.kind == "hidden":
            data.setdefault(control.name, []).append(control.value)
        else:
            value = control.value if control.value.strip() else answer_for(control)
            data[control.name] = [value.strip("\n") if control.kind == "textarea" else value]
    for name, group in radios.items():
        chosen = [c.value for c in group if c.checked] or [group[0].value]
        data[name] = chosen
    if form.buttons:
        name, value = form.buttons[0]
        data.setdefault(name, [value])
    for name, value in overrides.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    return data


# ---------------------------------------------------------------------------------------------- the pages


@dataclass(frozen=True)
class FormPage:
    name: str  # the URL's name
    role: Role = Role.DSR_LEAD
    answers: dict = field(
        default_factory=dict
    )  # field name -> answer (a list for several, None to leave out, or a function of the World)
    shown_on: str = ""  # the page that shows the form, when it is not the form's own URL (a button)
    query: str = ""  # added to the page's URL, for a page that asks a question first
    which: int = 0  # which of the forms that post to the URL, when the page has more than one
    label: str = ""  # tells two tries of the same page apart
    prepare: Callable | None = None  # makes the page's records ready for this form (given the World)

    @property
    def id(self) -> str:
        return f"{self.name} ({self.label})" if self.label else self.name


def _instrument() -> str:
    import json

    from opendsr.policy.instruments import load_default_instruments

    instrument = dict(load_default_instruments()[0])
    instrument.update(slug="posted-by-a-test", name="Posted by a test")
    return json.dumps(instrument)


INSTRUMENT = _instrument()
# The instrument form as it first opens: three empty questions with two answers each, and four score bands.
# The weights and bands are numbers; one open-ended band holds every score. "Add another question" is not
# pressed.
INSTRUMENT_FORM = {
    "add_question": None,
    **{f"question-{q}-weight_{n}": str(n - 1) for q in range(3) for n in (1, 2)},
    "band-0-low": "0",
    "band-0-high": "",
    "band-0-rating": "green",
    **{f"band-{b}-{name}": "" for b in (1, 2, 3) for name in ("low", "high", "rating")},
}


def _made(world: World, kwarg: str):
    """The record a URL argument names, for the user's own ICB (made when the URL was filled)."""
    if kwarg in ("pk", "person_pk"):
        return world.people["own"]
    return world._objects[(kwarg, "own")]


def _with_email(world):
    person = _made(world, "referral_pk").person
    person.email = "robin@example.org"
    person.save()


def _rated(world):
    from opendsr.register.services.rating import record_rating

    _with_email(world)
    referral = _made(world, "referral_pk")
    record_rating(
        person=referral.person,
        by=world.user,
        rating="amber",
        decided_on=TODAY,
        rationale="Placement at risk.",
        referral_id=referral.pk,
    )


def _outcome_sent(world):
    referral = _made(world, "referral_pk")
    referral.outcome_communicated_on = TODAY
    referral.save()


def _disputed(world):
    referral = _made(world, "referral_pk")
    referral.outcome_communicated_on = TODAY
    referral.disputed_on = TODAY
    referral.dispute_grounds = "They disagree."
    referral.save()


def _failed_letter(world):
    letter = _made(world, "letter_pk")
    letter.method, letter.status, letter.to_email = "email", "failed", "someone@example.org"
    letter.error = "Service not available"
    letter.save()
    # The page that shows the button is the letter's referral's page.
    world._objects[("referral_pk", "own")] = letter.referral


def _arranged(world):
    review = _made(world, "review_pk")
    review.scheduled_for, review.venue = TODAY + dt.timedelta(days=14), "Northdale Resource Centre"
    review.save()


def _held(world):
    review = _made(world, "review_pk")
    review.scheduled_for = review.held_on = TODAY
    review.save()


def _halted(world):
    concern = _made(world, "safeguardingconcern_pk")
    concern.level, concern.referred_to_local_authority_on = "halt", TODAY
    concern.save()
    # The page that shows the button is the concern's review's page.
    world._objects[("review_pk", "own")] = concern.review


def _concern_raised(world):
    concern = _made(world, "safeguardingconcern_pk")
    concern.level, concern.raised_on = "at_conclusion", TODAY
    concern.save()


def _panel_seated(world):
    from tests.reviews.factories import PanelMemberFactory

    review = _made(world, "review_pk")
    review.person.email = "robin@example.org"
    review.person.save()
    member = PanelMemberFactory(icb=review.person.icb, name="Sam Expert")
    review.seats.create(member=member, role="expert_by_experience")


def _in_hospital(world):
    from opendsr.register import timeline
    from opendsr.register.models import Location

    person = world.people["own"]
    timeline.record_event(
        person=person,
        type="admitted",
        date=TODAY - dt.timedelta(days=30),
        data={"setting": "non_secure", "route": "civil"},
    )
    person.location = Location.INPATIENT
    person.save()


def _import_waiting(world):
    """The import is read, waiting for its columns to be checked and its preview to be confirmed."""
    register_import = _made(world, "import_pk")
    number = next(NHS_NUMBERS)
    register_import.status = "preview"
    register_import.headers = ["NHS No", "Forename", "Surname", "DOB", "Diagnosis", "Notes"]
    register_import.rows = [[2, [number, "Ada", "Lovelace", "10/12/1995", "LD", "Likes trains"]]]
    register_import.mapping = {
        "0": "nhs_number",
        "1": "given_name",
        "2": "family_name",
        "3": "date_of_birth",
        "4": "diagnosis",
    }
    register_import.save()


def _spreadsheet():
    from django.core.files.uploadedfile import SimpleUploadedFile

    number = next(NHS_NUMBERS)
    return SimpleUploadedFile(
        "register.csv",
        f"NHS No,Forename,Surname,DOB,Diagnosis\n{number},Ada,Lovelace,10/12/1995,LD\n".encode(),
    )


def _package_from_elsewhere(world) -> dict:
    """A transfer package of someone on another register, as another OpenDSR would send it."""
    from opendsr.records import packages
    from tests.factories import PersonFactory

    elsewhere = PersonFactory(icb=world.other_icb)
    return packages.package_of(elsewhere, to_icb_name="NHS Posted ICB", moved_on=TODAY, reason="Moved home")


def _package_upload(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opendsr.records import packages

    return SimpleUploadedFile("package.json", packages.as_json(_package_from_elsewhere(world)))


def _received_package(world):
    package = _made(world, "transfer_package_pk")
    package.document = _package_from_elsewhere(world)
    package.direction, package.status = "received", "preview"
    package.nhs_number = package.document["person"]["nhs_number"]
    package.save()


def _panel_member(world):
    from opendsr.oversight.ics_panel.models import OversightPanelMember

    OversightPanelMember.objects.create(
        icb=world.icb, name="Dr Anil Mehta", role="medical_director", organisation="Northdale ICB"
    )


def _discussed(world):
    from opendsr.oversight.ics_panel.services import record_discussion

    record_discussion(item=_made(world, "panel_item_pk"), by=world.user, decision="Safe and well.")


def _deactivated(world):
    user = _made(world, "user_pk")
    user.is_active = False
    user.save()


def _restricted(world):
    admission = _made(world, "admission_pk")
    admission.mha_status = "s37_41"
    admission.save()


ODS = {"provider_ods_code": "RX4"}


def _attendance_taken(world):
    meeting = _made(world, "dsrmeeting_pk")
    meeting.attendance_taken = True
    meeting.save()


def _a_senior_manager(world):
    from opendsr.meetings.models import SeniorManager

    SeniorManager.objects.create(
        icb=world.icb, user=world.user, organisation=world.icb, level=1, title="Team manager"
    )


# A LAEP meeting: the person took part; support at home first, then a local inpatient service.
LAEP_FORM = {
    "attended": ["person", "family", "commissioner"],
    "options_considered": ["home", "local_inpatient"],
    "preference_1": "home",
    "preference_2": "local_inpatient",
    "preference_3": "",
}


def _png_upload():
    """A small PNG, as a browser uploads it."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "#005eb8").save(out, format="PNG")
    return SimpleUploadedFile("picture.png", out.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _api_token(world):
    """One API token of the user's own, for the list to offer to revoke."""
    from opendsr.api.services import create_token

    create_token(user=world.user, name="Provider system", scopes=["read"], days=30)


FORM_PAGES: list[FormPage] = [
    FormPage("accounts:settings"),
    FormPage("api:token_new", answers={"scopes": ["read"]}),
    FormPage("api:token_revoke", shown_on="api:tokens", prepare=_api_token),
    FormPage("reporting:settings", answers={"threshold": "7", "region": "london"}),
    FormPage("accounts:team_edit"),
    FormPage("accounts:team_add"),
    FormPage("accounts:user_deactivate"),
    FormPage("accounts:user_edit"),
    FormPage("accounts:user_reactivate", shown_on="accounts:user", prepare=_deactivated),
    FormPage("accounts:user_reset_code"),
    FormPage("accounts:user_resend", shown_on="accounts:user"),
    FormPage("accounts:user_add"),
    FormPage("register:carer_edit"),
    FormPage("register:carer_add"),
    FormPage("register:edit"),
    FormPage("register:consent"),
    FormPage("register:consent_check"),
    FormPage("register:consent_refused"),
    FormPage("register:consent_withdraw"),
    FormPage("register:leave"),
    FormPage("register:rate"),
    FormPage("register:tell_outcome"),
    FormPage("register:allocate"),
    FormPage("register:instrument_add", answers=INSTRUMENT_FORM),
    FormPage("register:instrument_import", answers={"data": INSTRUMENT}),
    FormPage("register:new"),
    FormPage("referrals:new"),
    FormPage("referrals:refer", role=Role.PROFESSIONAL),
    FormPage("referrals:acknowledge", prepare=_with_email),
    FormPage("referrals:outcome", prepare=_rated),
    FormPage("referrals:outcome_phone", prepare=_rated),
    FormPage("referrals:dispute", prepare=_outcome_sent),
    FormPage("referrals:dispute_outcome", prepare=_disputed),
    FormPage("referrals:letter_retry", shown_on="referrals:detail", prepare=_failed_letter),
    FormPage("referrals:withdraw"),
    FormPage("referrals:template_edit"),
    FormPage("referrals:template_edit", query="?to=referrer", label="the referrer's letter"),
    FormPage("referrals:template_edit", query="?to=person&version=easy_read", label="the easy read letter"),
    FormPage("communication:needs"),
    FormPage("communication:call"),
    FormPage("communication:consent_request"),
    FormPage("reviews:new"),
    FormPage("reviews:request_new"),
    FormPage("reviews:request"),
    FormPage("reviews:decline_new", answers={"revisit_on_month": "6"}),
    FormPage("reviews:arrangements"),
    FormPage("reviews:checklist", which=1),
    FormPage("reviews:checklist", which=0, prepare=_panel_seated, label="send the panel's names"),
    FormPage("reviews:panel", answers={"accept_warnings": "on", "reason": "Nobody else is free."}),
    FormPage("reviews:invitations", prepare=_arranged),
    FormPage("reviews:invitation"),
    FormPage("reviews:meeting"),
    FormPage("reviews:findings", prepare=_held),
    FormPage("reviews:rating", prepare=_held),
    FormPage("reviews:actions", prepare=_held),
    FormPage("reviews:action"),
    FormPage("reviews:safeguarding_new", answers={"told_at": "2027-03-01 14:30"}),
    FormPage("reviews:safeguarding_resume", shown_on="reviews:detail", prepare=_halted),
    FormPage("reviews:safeguarding_referral", prepare=_concern_raised),
    FormPage("reviews:report", prepare=_held),
    FormPage("reviews:laep_new", answers=LAEP_FORM),
    FormPage("reviews:laep_edit", answers=LAEP_FORM),
    FormPage("reviews:cancel"),
    FormPage("reviews:seat_payment"),
    FormPage("reviews:directory_new"),
    FormPage("reviews:directory_edit"),
    FormPage("reviews:kloe_template"),
    FormPage("reviews:settings"),
    FormPage("inpatients:admit", answers={**ODS, "delay_barriers": "housing"}),
    FormPage("inpatients:admission_edit", answers={**ODS, "delay_barriers": "housing"}),
    FormPage("inpatients:transfer", answers=ODS),
    FormPage("inpatients:ward_rating"),
    FormPage("inpatients:episode_new"),
    FormPage("inpatients:episode_edit"),
    FormPage("inpatients:plan_item"),
    FormPage("inpatients:moj_contact", prepare=_restricted),
    FormPage("inpatients:discharge"),
    FormPage("imports:upload", answers={"spreadsheet": _spreadsheet()}),
    FormPage("imports:columns", prepare=_import_waiting),
    FormPage("imports:detail", prepare=_import_waiting),
    FormPage("imports:undo"),
    FormPage("oversight:record_event", query="?type=mdt_held"),
    FormPage("oversight:void_event"),
    FormPage("oversight:reminder_settings"),
    FormPage("oversight:visit_new", prepare=_in_hospital),
    FormPage("oversight:visit_edit", prepare=_in_hospital),
    FormPage("oversight:visit_action_new"),
    FormPage("oversight:visit_action"),
    FormPage("oversight:escalation_new"),
    FormPage("oversight:complaint_new"),
    FormPage("oversight:complaint_resolve"),
    FormPage("meetings:standing_new", answers={"every_weeks": "2"}),
    FormPage("meetings:standing_edit", answers={"every_weeks": "2"}),
    FormPage("meetings:member_add"),
    FormPage("meetings:member_edit"),
    FormPage("meetings:schedule"),
    FormPage("meetings:move_section", shown_on="meetings:detail"),
    FormPage("meetings:add_person", answers={"person": lambda world: str(world.people["own"].pk)}),
    FormPage("meetings:remove_person"),
    FormPage("meetings:attendance"),
    FormPage("meetings:discussion", answers={"rating_outcome": "not_rated"}),
    FormPage("meetings:action_add"),
    FormPage("meetings:action"),
    FormPage("meetings:minutes", prepare=_attendance_taken),
    FormPage("escalations:detail", which=0, label="acknowledge"),
    FormPage("escalations:detail", which=1, label="what was done"),
    FormPage("escalations:email_choice", prepare=_a_senior_manager),
    FormPage("escalations:manager_add", answers={"level": "1", "user": lambda world: str(world.user.pk)}),
    FormPage("escalations:manager_edit", answers={"level": "1"}),
    FormPage("escalations:rule_add", answers={"acknowledge_within": "2"}),
    FormPage("escalations:rule_edit", answers={"acknowledge_within": "2"}),
    FormPage("oversight:panel_member_new"),
    FormPage("oversight:panel_member_edit"),
    FormPage("oversight:panel_meeting_new"),
    FormPage("oversight:panel_meeting_edit"),
    FormPage("oversight:panel_meeting_cancel"),
    FormPage("oversight:panel_minutes", prepare=_panel_member),
    FormPage("oversight:panel_agenda_refresh", shown_on="oversight:panel_meeting"),
    FormPage("oversight:panel_agenda_add", answers={"person": lambda world: str(world.people["own"].pk)}),
    FormPage("oversight:panel_agenda_remove"),
    FormPage("oversight:panel_discussion"),
    FormPage("oversight:panel_discussion_undo", prepare=_discussed),
    FormPage("oversight:panel_action_new", prepare=_discussed),
    FormPage("oversight:panel_action"),
    FormPage("public:settings", answers={"published": "yes"}),
    FormPage("public:picture_add", answers={"image": _png_upload()}),
    FormPage("public:picture_remove", shown_on="public:settings"),
    FormPage("records:merge"),
    FormPage("records:unmerge"),
    FormPage("records:not_duplicate"),
    FormPage("records:remove_not_duplicate"),
    FormPage("records:propose_transfer", answers={"to_icb": lambda world: str(world.other_icb.pk)}),
    FormPage("records:transfer"),
    FormPage("records:make_package", answers={"to_icb_name": "NHS Far Away ICB", "reason": "Moved home"}),
    FormPage("records:receive_package", answers={"package": _package_upload}),
    FormPage("records:package", prepare=_received_package),
]


def _route(name: str):
    return next(route for route in ROUTES if route.name == name)


def _url(world: World, name: str) -> str:
    url, _objects = _fill(world, _route(name), "own")
    return url


def _the_form(forms: list[Form], url: str, which: int = 0) -> Form | None:
    matching = [f for f in forms if f.action in ("", url) or urlsplit(f.action).path == urlsplit(url).path]
    return matching[which] if which < len(matching) else None


@pytest.mark.parametrize("page", FORM_PAGES, ids=lambda page: page.id)
def test_a_form_filled_in_as_a_user_would_is_saved(db, page):
    world = World(page.role)
    url = _url(world, page.name) + page.query
    if page.prepare:
        page.prepare(world)
    shown_on = _url(world, page.shown_on) if page.shown_on else url
    client = verify(Client(), world.user)
    response = client.get(shown_on)
    assert response.status_code == 200, f"GET {shown_on}: {response.status_code}"
    form = _the_form(post_forms(response.content.decode()), url, page.which)
    assert form is not None, f"GET {shown_on} shows no form that posts to {url}"
    # An answer may be worked out from the page's records (the id of someone to choose).
    answers = {name: value(world) if callable(value) else value for name, value in page.answers.items()}
    posted = client.post(url, fill(form, answers))
    # A page that asks to confirm, or asks its questions in steps, answers with its next form.
    for _step in range(3):
        if posted.status_code != 200 or "nhsuk-error-summary" in posted.content.decode():
            break
        form = _the_form(post_forms(posted.content.decode()), url)
        if form is None:
            break
        posted = client.post(url, fill(form, answers))
    assert posted.status_code == 302, f"POST {url} answered {posted.status_code}: {_errors(posted)}"
    refusals = [m.message for m in get_messages(posted.wsgi_request) if m.level >= messages.WARNING]
    assert not refusals, f"POST {url} was refused: {refusals}"


def _errors(response) -> str:
    """What the error summary says, to show why a post was refused."""
    html = response.content.decode()
    start = html.find("nhsuk-error-summary")
    if start < 0:
        return "no error summary: " + _text(html)[-400:]
    return _text(html[start : html.find("</ul>", start)])


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize("role", MATRIX_ROLES)
def test_every_page_with_a_form_is_posted_here(db, role):
    """A form this role is shown, on any page, posts to a page FORM_PAGES tries."""
    tried = {page.name for page in FORM_PAGES} | {"accounts:logout"}
    world = World(role)
    client = verify(Client(), world.user)
    untried = set()
    for route in ROUTES:
        if route.public:
            continue
        url = _url(world, route.name)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in post_forms(response.content.decode()):
            name = resolve(urlsplit(form.action or url).path).view_name
            if name not in tried:
                untried.add(f"{name} (shown on {route.name})")
    assert not untried, "Add these forms to FORM_PAGES: " + ", ".join(sorted(untried))
