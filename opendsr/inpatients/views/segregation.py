"""Pages for long-term segregation and seclusion: recording and changing an episode, and the ICB's list for
the NHS regional lead with its downloads (s14.4). The regional lead's own list, of every ICB in their region, is
in `regional.py` and shares the period, the form and the download made here."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.inpatients import queries, services
from opendsr.inpatients.forms import (
    AsOfForm,
    EpisodeForm,
)
from opendsr.inpatients.views.common import _admission, _page, _person, _record_url
from opendsr.policy.rules.admission import LTS_REPORT, SEGREGATION_ENTITLEMENT
from opendsr.web import exports
from opendsr.web.form_pages import submit
from opendsr.web.formatting import timescale
from opendsr.web.today import today as get_today


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
    as_of, form = as_of_from(request)
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


def as_of_from(request):
    """The last day of the period the list covers: today unless the user chose another day."""
    form = AsOfForm(request.GET if "as_of" in request.GET or "as_of_day" in request.GET else None)
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        return form.cleaned_data["as_of"], form
    return get_today(), form


@requires(Action.VIEW_ICB_WORK)
def segregation_export(request, fmt):
    as_of, _form = as_of_from(request)
    rows = queries.lts_rows(access.people_for(request.user), as_of)
    return download_lts(request, fmt, rows, as_of, action="inpatient.segregation_exported")


def people_by_icb(rows) -> dict[int, list[int]]:
    """The ids of the people in the list, by their ICB."""
    found: dict[int, list[int]] = {}
    for row in rows:
        found.setdefault(row["person"].icb_id, []).append(row["person"].pk)
    return found


def download_lts(request, fmt, rows, as_of, *, action, with_icb=False, name="long-term-segregation"):
    """The list as a CSV or Excel file, audited with the people in it: the ICB's, or (`with_icb`) the region's,
    in each of its ICBs' audit logs."""
    start, end = queries.lts_period(as_of)
    return exports.download(
        request,
        fmt=fmt,
        name=f"{name}-{end.isoformat()}",
        columns=[
            *(["ICB"] if with_icb else []),
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
            f"Lasted {timescale(SEGREGATION_ENTITLEMENT)}",
            "Independent C(E)TR due",
            "Independent C(E)TR held",
        ],
        rows=[
            [
                *([row["person"].icb.name] if with_icb else []),
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
        action=action,
        summary=f"Exported the long-term segregation list for {start.isoformat()} to {end.isoformat()} "
        f"({len(rows)} episodes)",
        people=[row["person"].pk for row in rows],
        sheet_title="Long-term segregation",
        people_by_icb=people_by_icb(rows) if with_icb else None,
    )
