"""The inpatient record's page, and what the pages that change it share: finding the person and the admission,
and a page with the record's form."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.inpatients import queries, rules
from opendsr.web.today import today as get_today


def _person(request, pk, action):
    return access.person_for(request.user, pk, action)


def _admission(person, admission_pk):
    admission = person.admissions.filter(pk=admission_pk).first()
    if admission is None:
        raise Http404("No such admission")
    return admission


def _record_url(person) -> str:
    return reverse("inpatients:record", args=[person.pk])


def _page(request, template, person, form, **context):
    return render(
        request,
        f"inpatients/{template}",
        {
            "person": person,
            "form": form,
            "back_url": _record_url(person),
            "moj_address": rules.MOJ_CONTACT_ADDRESS,
            **context,
        },
    )


@requires(Action.VIEW_RECORD, person_kwarg="pk")
def record(request, pk):
    person = _person(request, pk, Action.VIEW_RECORD)
    today = get_today()
    audit.record(
        request, "person.viewed", person=person, summary=f"Viewed {person.full_name}'s inpatient record"
    )
    user = request.user
    return render(
        request,
        "inpatients/record.jinja",
        {
            "person": person,
            **queries.inpatient_record(person, today),
            "today": today,
            "may_record": access.allowed(user, Action.RECORD_EVENT),
            "rate_url": access.link(user, "register:rate", person.pk),
            "moj_address": rules.MOJ_CONTACT_ADDRESS,
        },
    )
