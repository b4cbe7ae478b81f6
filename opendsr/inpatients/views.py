"""The inpatient record's pages. Each view checks access, calls a service or a query, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.inpatients import queries, rules, services
from opendsr.inpatients.forms import (
    AdmissionForm,
    AsOfForm,
    DischargeForm,
    EpisodeForm,
    MojContactForm,
    PlanItemForm,
    TransferForm,
    WardRatingForm,
)
from opendsr.inpatients.models import ReviewBeforeAdmission
from opendsr.policy.rules.admission import LTS_REPORT, TRANSFER_CETR
from opendsr.web import exports
from opendsr.web.form_pages import submit
from opendsr.web.formatting import timescale
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


# ------------------------------------------------------------------------------------------ the record


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


# ------------------------------------------------------------------------------------------ admission


def _review_hint(person, on) -> str:
    found = queries.review_before_admission(person, on) if on else None
    if found:
        label = dict(ReviewBeforeAdmission.choices)[found]
        return f"The timeline shows {label[:1].lower()}{label[1:]} in the 6 months before the admission."
    return "The timeline shows neither in the 6 months before the admission: answer from what you know."


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def admit(request, pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    today = get_today()
    if queries.current_admission(person) is not None:
        messages.info(
            request, f"{person.full_name} is already in hospital: record a move or a discharge here."
        )
        return redirect(_record_url(person))
    bare = queries.unrecorded_admission(person)
    on = bare.date if bare else today
    initial = {
        "admitted_on": on,
        "review_before": queries.review_before_admission(person, on) or ReviewBeforeAdmission.NEITHER,
        "liberty_safeguards": "none",
    }
    if bare is not None:
        initial.update({k: v for k, v in bare.data.items() if k in ("setting", "route")})
    form = AdmissionForm(request.POST or None, initial=initial, review_hint=_review_hint(person, on))
    done = submit(
        request,
        form,
        lambda data: services.record_admission(person=person, by=request.user, request=request, **data),
        success=f"{person.full_name}'s admission is recorded. They are now rated blue while in hospital.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    rating = queries.rating_before(person, on)
    return _page(
        request, "admission_form.jinja", person, form, bare=bare, rating_before=rating, editing=False
    )


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def admission_edit(request, pk, admission_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    admission = _admission(person, admission_pk)
    moved = admission.transfers.exists()
    initial = {name: getattr(admission, name) for name in services.ADMISSION_FIELDS}
    if initial["mha_since"] == admission.admitted_on:
        initial["mha_since"] = None
    form = AdmissionForm(
        request.POST or None,
        initial=initial,
        review_hint=_review_hint(person, admission.admitted_on),
        moved=moved,
    )
    values = {
        n: getattr(admission, n) for n in ("hospital", "provider", "provider_ods_code", "ward", "setting")
    }
    done = submit(
        request,
        form,
        lambda data: services.update_admission(
            admission=admission, by=request.user, request=request, **{**values, **data}
        ),
        success="The admission is updated.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    return _page(
        request, "admission_form.jinja", person, form, admission=admission, editing=True, moved=moved
    )


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def transfer(request, pk, admission_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    admission = _admission(person, admission_pk)
    form = TransferForm(
        request.POST or None, initial={"moved_on": get_today(), "provider": admission.provider}
    )
    done = submit(
        request,
        form,
        lambda data: services.record_transfer(admission=admission, by=request.user, request=request, **data),
        success=f"The move is recorded. A C(E)TR is due within {timescale(TRANSFER_CETR)} of it.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    return _page(request, "transfer.jinja", person, form, admission=admission)


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def ward_rating(request, pk, admission_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    admission = _admission(person, admission_pk)
    form = WardRatingForm(request.POST or None, initial={"ward": admission.ward})
    done = submit(
        request,
        form,
        lambda data: services.record_ward_rating(
            admission=admission, by=request.user, request=request, **data
        ),
        success="The inadequate CQC rating is recorded. The ICS oversight panel will review their care.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    return _page(request, "ward_rating.jinja", person, form, admission=admission)


# ---------------------------------------------------------------------------- segregation and seclusion


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def episode_new(request, pk, admission_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    admission = _admission(person, admission_pk)
    form = EpisodeForm(request.POST or None, initial={"started_on": get_today()})
    done = submit(
        request,
        form,
        lambda data: services.record_episode(admission=admission, by=request.user, request=request, **data),
        success="The episode is recorded.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    return _page(request, "episode.jinja", person, form, admission=admission, episode=None)


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def episode_edit(request, pk, restrictiveepisode_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    episode = queries.episode_of(person, restrictiveepisode_pk)
    if episode is None:
        raise Http404("No such episode")
    initial = {
        "started_on": episode.started_on,
        "ended_on": episode.ended_on or (get_today() if "end" in request.GET else None),
        "reported_by": episode.reported_by,
        "notes": episode.notes,
    }
    form = EpisodeForm(request.POST or None, initial=initial, editing=True)
    done = submit(
        request,
        form,
        lambda data: services.update_episode(episode=episode, by=request.user, request=request, **data),
        success=f"The {episode.get_kind_display().lower()} is updated.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    return _page(request, "episode.jinja", person, form, admission=episode.admission, episode=episode)


@requires(Action.VIEW_ICB_WORK)
def segregation_list(request):
    as_of, form = _as_of(request)
    people = access.people_for(request.user)
    rows = queries.lts_rows(people, as_of)
    audit.listed(
        request,
        f"the long-term segregation list for every {timescale(LTS_REPORT)}",
        people=[row["person"].pk for row in rows],
        filters={"as_of": as_of.isoformat()},
    )
    start, end = queries.lts_period(as_of)
    return render(
        request,
        "inpatients/segregation_list.jinja",
        {
            "rows": rows,
            "as_of": as_of,
            "start": start,
            "end": end,
            "form": form,
            "query": f"?as_of={as_of.isoformat()}",
        },
    )


def _as_of(request):
    """The last day of the period the list covers: today unless the user chose another day."""
    form = AsOfForm(request.GET if "as_of" in request.GET or "as_of_day" in request.GET else None)
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        return form.cleaned_data["as_of"], form
    return get_today(), form


@requires(Action.VIEW_ICB_WORK)
def segregation_export(request, fmt):
    as_of, _form = _as_of(request)
    rows = queries.lts_rows(access.people_for(request.user), as_of)
    start, end = queries.lts_period(as_of)
    return exports.download(
        request,
        fmt=fmt,
        name=f"long-term-segregation-{end.isoformat()}",
        columns=[
            "NHS number",
            "Name",
            "Date of birth",
            "Hospital",
            "Provider",
            "Provider ODS code",
            "Ward",
            "Started",
            "Ended",
            "Days",
            "Lasted 48 hours",
            "Independent C(E)TR due",
            "Independent C(E)TR held",
        ],
        rows=[
            [
                row["person"].nhs_number,
                row["person"].full_name,
                row["person"].date_of_birth,
                row["admission"].hospital,
                row["admission"].provider,
                row["admission"].provider_ods_code,
                row["admission"].ward,
                row["episode"].started_on,
                row["episode"].ended_on,
                row["days"],
                row["lasted_48_hours"],
                row["entitlement"].due if row["entitlement"] else None,
                row["entitlement"].met_on if row["entitlement"] else None,
            ]
            for row in rows
        ],
        action="inpatient.segregation_exported",
        summary=f"Exported the long-term segregation list for {start.isoformat()} to {end.isoformat()} "
        f"({len(rows)} episodes)",
        people=[row["person"].pk for row in rows],
        sheet_title="Long-term segregation",
    )


# --------------------------------------------------------------------------------- the discharge plan


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def plan_item(request, pk, dischargeplanitem_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    item = queries.plan_item_of(person, dischargeplanitem_pk)
    if item is None:
        raise Http404("No such point of the discharge plan")
    initial = {"status": item.status, "owner": item.owner, "target_on": item.target_on, "note": item.note}
    form = PlanItemForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.update_plan_item(item=item, by=request.user, request=request, **data),
        success=f"Point {item.point} of the discharge plan is updated.",
        redirect_to=_record_url(person) + "#discharge-plan",
    )
    if done:
        return done
    return _page(request, "plan_item.jinja", person, form, item=item)


# -------------------------------------------------------------------------------- Ministry of Justice


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def moj_contact(request, pk, admission_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    admission = _admission(person, admission_pk)
    form = MojContactForm(
        request.POST or None, initial={"contacted_on": get_today(), "contact": rules.MOJ_CONTACT_ADDRESS}
    )
    done = submit(
        request,
        form,
        lambda data: services.record_moj_contact(
            admission=admission, by=request.user, request=request, **data
        ),
        success="The contact with the Ministry of Justice is recorded.",
        redirect_to=_record_url(person),
    )
    if done:
        return done
    return _page(request, "moj_contact.jinja", person, form, admission=admission)


# ------------------------------------------------------------------------------------------- discharge


@requires(Action.RECORD_EVENT, person_kwarg="pk")
@require_http_methods(["GET", "POST"])
def discharge(request, pk, admission_pk):
    person = _person(request, pk, Action.RECORD_EVENT)
    admission = _admission(person, admission_pk)
    form = DischargeForm(request.POST or None, initial={"discharged_on": get_today()})
    rate = access.link(request.user, "register:rate", person.pk)
    next_step = "decide their new rating now" if rate else "their case manager decides their new rating"
    done = submit(
        request,
        form,
        lambda data: services.record_discharge(admission=admission, by=request.user, request=request, **data),
        success=f"{person.full_name}'s discharge is recorded. They are no longer rated blue: {next_step}.",
        redirect_to=rate or _record_url(person),
    )
    if done:
        return done
    return _page(request, "discharge.jinja", person, form, admission=admission)
