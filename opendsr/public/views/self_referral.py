"""The referral form a person or their family fills in on the public pages, one question at a time.

The answers are held in the visitor's own session until they send them, and are never shown to anyone else;
each page of the form is sent with `never_cache`, so a shared computer's browser keeps no copy."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from opendsr.public import forms, queries, rules, services
from opendsr.public.views.pages import context
from opendsr.web.forms import show_refusal

# The question pages, in order: (address, form). "about-you" is asked only of a family member or carer.
STEPS = [
    ("who", forms.WhoForm),
    ("about-you", forms.ReferrerForm),
    ("name", forms.NameForm),
    ("date-of-birth", forms.DateOfBirthForm),
    ("diagnosis", forms.DiagnosisForm),
    ("address", forms.AddressForm),
    ("nhs-number", forms.NhsNumberForm),
    ("contact", forms.ContactForm),
    ("worries", forms.WorriesForm),
    ("agreement", forms.AgreementForm),
    ("communication", forms.CommunicationForm),
]
FORMS = dict(STEPS)
FAMILY_ONLY = {"about-you"}
HONEYPOT = "website"  # a field people never see (hidden), which programs filling in every field fill in

# ------------------------------------------------------------------------------------ the referral form


def refusal_page(request, front_door, *, started: str | None):
    """The page that refuses a referral sent by a program, too fast after the form was opened (`started`, in
    ISO format) or too often from one address, with the refusal recorded; None when it may go on."""
    now = timezone.now()
    reason = rules.refusal(
        honeypot=request.POST.get(HONEYPOT, ""),
        started_at=parse_datetime(started or ""),
        now=now,
        minimum_seconds=settings.OPENDSR_PUBLIC_MINIMUM_SECONDS,
        sent_this_hour=queries.attempts_this_hour(request.META.get("REMOTE_ADDR"), now),
        limit_per_hour=settings.OPENDSR_PUBLIC_REFERRALS_PER_HOUR,
    )
    if reason is None:
        return None
    services.record_refusal(front_door=front_door, reason=reason, request=request)
    status = 429 if reason == rules.Refusal.TOO_MANY else 200
    return render(request, "public/refused.jinja", context(front_door), status=status)


def _key(front_door) -> str:
    return f"public_referral:{front_door.icb_id}"


def _state(request, front_door) -> dict:
    return request.session.get(_key(front_door)) or {"steps": {}}


def _save(request, front_door, state: dict) -> None:
    request.session[_key(front_door)] = state
    request.session.modified = True


def _is_me(state: dict) -> bool:
    who = state["steps"].get("who", {}).get("who", ["self"])
    return who[:1] != ["family"]


def _steps(state: dict) -> list[str]:
    me = _is_me(state)
    return [step for step, _ in STEPS if not (me and step in FAMILY_ONLY)]


def _data(raw: dict | None) -> QueryDict | None:
    if raw is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in raw.items():
        data.setlist(key, values)
    return data


def _kept(request, form) -> dict:
    """The answers of one page as typed, to keep in the session (only this form's own fields)."""
    names = tuple(form.fields)
    return {
        key: [value[: forms.MAX_WORRIES] for value in request.POST.getlist(key)][:20]
        for key in request.POST
        if key.startswith(names)
    }


def _form(step: str, state: dict, data=None):
    return FORMS[step](data if data is not None else _data(state["steps"].get(step)), me=_is_me(state))


def _answers(state: dict) -> tuple[dict, str | None]:
    """Every answer, checked again, and the first question still to answer (or None)."""
    answers: dict = {}
    for step in _steps(state):
        form = _form(step, state)
        if not form.is_bound or not form.is_valid():
            return answers, step
        answers.update(form.cleaned_data)
    return answers, None


def _step_url(front_door, step: str) -> str:
    return reverse("public:question", args=[front_door.icb.ods_code, step])


@never_cache
def start(request, ods_code):
    front_door = queries.front_door(ods_code)
    return render(request, "public/start.jinja", context(front_door, first=_step_url(front_door, "who")))


@never_cache
@require_http_methods(["GET", "POST"])
def question(request, ods_code, step):
    front_door = queries.front_door(ods_code)
    if step not in FORMS:
        raise Http404("No such question")
    state = _state(request, front_door)
    state.setdefault("started_at", timezone.now().isoformat())
    steps = _steps(state)
    if step not in steps:
        _save(request, front_door, state)
        return redirect(_step_url(front_door, steps[steps.index("name")]))
    if request.method == "POST":
        form = _form(step, state, request.POST)
        if form.is_valid():
            state["steps"][step] = _kept(request, form)
            _save(request, front_door, state)
            if request.GET.get("change") == "check" and step != "who":
                return redirect("public:check", ods_code=front_door.icb.ods_code)
            steps = _steps(state)
            following = steps[steps.index(step) + 1 :]
            if following:
                return redirect(_step_url(front_door, following[0]))
            return redirect("public:check", ods_code=front_door.icb.ods_code)
    else:
        form = _form(step, state)
    _save(request, front_door, state)
    index = steps.index(step)
    back = (
        _step_url(front_door, steps[index - 1])
        if index
        else reverse("public:start", args=[front_door.icb.ods_code])
    )
    return render(
        request,
        "public/question.jinja",
        context(front_door, form=form, step=step, back=back, number=index + 1, total=len(steps)),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def check(request, ods_code):
    front_door = queries.front_door(ods_code)
    state = _state(request, front_door)
    answers, missing = _answers(state)
    if missing:
        return redirect(_step_url(front_door, missing))
    if request.method == "POST":
        refused = refusal_page(request, front_door, started=state.get("started_at"))
        if refused is not None:
            return refused
        try:
            online = services.send_online_referral(front_door=front_door, answers=answers, request=request)
        except ValidationError as error:
            # A check the form pages could not make (a date of birth the register refuses): say which answer.
            form = forms.Question()
            show_refusal(form, error)
            messages.warning(
                request, " ".join(form.non_field_errors()) or "Check your answers and send them again"
            )
            return redirect("public:check", ods_code=front_door.icb.ods_code)
        request.session.pop(_key(front_door), None)
        request.session[f"public_sent:{front_door.icb_id}"] = {
            "reference": online.reference,
            "me": answers["who"] == "self",
        }
        return redirect("public:sent", ods_code=front_door.icb.ods_code)
    rows = []
    for step in _steps(state):
        form = _form(step, state)
        form.is_valid()
        rows.append(
            {
                "question": form.title,
                "answer": _answer_text(form),
                "href": _step_url(front_door, step) + "?change=check",
            }
        )
    return render(request, "public/check.jinja", context(front_door, rows=rows, honeypot=HONEYPOT))


def _answer_text(form) -> str:
    """One page's answers as the check-your-answers page reads them."""
    parts = []
    for name, value in form.cleaned_data.items():
        field = form.fields[name]
        if value in (None, "", []):
            continue
        if hasattr(field, "choices") and not isinstance(value, bool):
            labels = {str(k): v for k, v in field.choices}
            values = value if isinstance(value, list) else [value]
            text = "; ".join(str(labels.get(str(v), v)) for v in values)
        elif isinstance(value, bool):
            text = "Yes" if value else "No"
        elif hasattr(value, "strftime"):
            text = f"{value.day} {value:%B %Y}"
        else:
            text = str(value)
        label = str(field.label or "").replace(" (optional)", "")
        parts.append(text if len(form.fields) == 1 or label == form.title else f"{label}: {text}")
    return "\n".join(parts) or "Not given"


@never_cache
def sent(request, ods_code):
    front_door = queries.front_door(ods_code)
    done = request.session.get(f"public_sent:{front_door.icb_id}")
    if not done:
        return redirect("public:start", ods_code=front_door.icb.ods_code)
    return render(
        request,
        "public/sent.jinja",
        context(
            front_door,
            reference=done["reference"],
            me=done["me"],
            professional=done.get("professional", False),
        ),
    )
