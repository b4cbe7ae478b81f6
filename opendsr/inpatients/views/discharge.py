"""Pages on the way out of hospital: the discharge plan's points, the contact with the Ministry of Justice,
and the discharge."""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access
from opendsr.accounts.access import Action, requires
from opendsr.inpatients import queries, rules, services
from opendsr.inpatients.forms import (
    DischargeForm,
    MojContactForm,
    PlanItemForm,
)
from opendsr.inpatients.views.common import _admission, _page, _person, _record_url
from opendsr.web.form_pages import submit
from opendsr.web.today import today as get_today


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
