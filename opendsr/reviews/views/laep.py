"""Pages for a local area emergency protocol (LAEP) meeting (s14.1, Appendix 8): recording one, its page, and
correcting it. Each view checks access, calls a service or a query, and renders."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.policy.emergency_protocol import FOCUSING_QUESTIONS, PREFERENCE_ORDER
from opendsr.reviews import forms, queries
from opendsr.reviews.models import Laep, LaepOption, LaepOutcome
from opendsr.reviews.services.laep import record_laep, update_laep
from opendsr.reviews.views.common import _scoped
from opendsr.web.form_pages import submit
from opendsr.web.today import today as get_today

FORM_SECTIONS = (
    ("The meeting", ("held_on", "called_by", "chair", "attended", "attendees", "how_person_was_heard")),
    ("Questions that help focus the discussion", forms.LaepForm.QUESTION_FIELDS),
    (
        "Options and the preference list",
        (
            "options_considered",
            "options_notes",
            "preference_1",
            "preference_2",
            "preference_3",
            "why_not_home",
        ),
    ),
    (
        "Out-of-area placement",
        ("out_of_area_approved_by", "out_of_area_approved_on", "out_of_area_reason", "out_of_area_until"),
    ),
    (
        "Outcome and follow-up",
        ("outcome", "outcome_details", "updated_plan", "lead_professional", "gaps_reported"),
    ),
)


def _laep(request, pk, action: Action) -> Laep:
    laep = _scoped(Laep, request, pk, via="person")
    access.require(request.user, action)
    return laep


def _form_page(request, *, person, form, heading, back, laep=None):
    return render(
        request,
        "reviews/laep/form.jinja",
        {
            "person": person,
            "form": form,
            "heading": heading,
            "back": back,
            "laep": laep,
            "sections": [(title, [form[name] for name in names]) for title, names in FORM_SECTIONS],
            "preference_order": [LaepOption(option).label for option in PREFERENCE_ORDER],
        },
    )


@requires(Action.RECORD_EVENT, person_kwarg="person_pk")
@require_http_methods(["GET", "POST"])
def laep_new(request, person_pk):
    person = access.person_for(request.user, person_pk, Action.RECORD_EVENT)
    form = forms.LaepForm(request.POST or None, initial={"held_on": get_today()})
    done = submit(
        request,
        form,
        lambda _data: record_laep(person=person, by=request.user, request=request, **form.values()),
        success=_saved_message,
        redirect_to=lambda laep: reverse("reviews:laep", args=[laep.pk]),
    )
    if done:
        return done
    back = access.link(request.user, "register:detail", person.pk)
    return _form_page(request, person=person, form=form, heading="Record a LAEP meeting", back=back)


@requires(Action.RECORD_EVENT)
@require_http_methods(["GET", "POST"])
def laep_edit(request, laep_pk):
    laep = _laep(request, laep_pk, Action.RECORD_EVENT)
    form = forms.LaepForm(request.POST or None, initial=forms.LaepForm.initial_from(laep))
    done = submit(
        request,
        form,
        lambda _data: update_laep(laep=laep, by=request.user, request=request, **form.values()),
        success="The LAEP meeting is saved.",
        redirect_to=reverse("reviews:laep", args=[laep.pk]),
    )
    if done:
        return done
    return _form_page(
        request,
        person=laep.person,
        form=form,
        heading="Change the LAEP meeting",
        back=access.link(request.user, "reviews:laep", laep.pk),
        laep=laep,
    )


@requires(Action.VIEW_RECORD)
def laep_detail(request, laep_pk):
    laep = _laep(request, laep_pk, Action.VIEW_RECORD)
    audit.record(
        request,
        "laep.viewed",
        person=laep.person,
        summary="Viewed a LAEP meeting",
        detail={"laep": laep.pk},
    )
    return render(
        request,
        "reviews/laep/detail.jinja",
        {
            "laep": laep,
            "person": laep.person,
            "questions": [(question, laep.answers.get(key, "")) for key, question in FOCUSING_QUESTIONS],
            **queries.laep_page(laep),
        },
    )


def _saved_message(laep: Laep) -> str:
    if laep.outcome == LaepOutcome.ADMITTED:
        return (
            "The LAEP meeting is recorded. It is not a C(E)TR: record the admission, and a post-admission "
            "C(E)TR is due."
        )
    return "The LAEP meeting is recorded."
