"""The reviews part of a person's page: their reviews, requests, declines and open actions, and their LAEP
meetings."""

from __future__ import annotations

from django.template.loader import render_to_string

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.register.models import Obligation
from opendsr.reviews import queries
from opendsr.reviews.access import reviews_for
from opendsr.reviews.models import ActionStatus, ReviewAction
from opendsr.web.today import today as get_today


def person_panels(request, person) -> list[str]:
    context = {
        "person": person,
        "reviews": list(reviews_for(request.user).filter(person=person)),
        "requests": list(person.review_requests.all()),
        "declines": list(person.review_declines.filter(voided_at__isnull=True)),
        "actions": list(ReviewAction.objects.filter(person=person, status=ActionStatus.OPEN)),
        "on_oversight_list": Obligation.objects.filter(
            person=person, kind="oversight_panel_review", is_open=True
        ).exists(),
        "may_manage": access.allowed(request.user, Action.MANAGE_REVIEWS),
        "today": get_today(),
    }
    return [render_to_string("reviews/person_panel.jinja", context, request)]


def laep_panels(request, person) -> list[str]:
    """Local area emergency protocol (LAEP) meetings held for the person (s14.1, Appendix 8)."""
    if not access.allowed(request.user, Action.VIEW_RECORD):
        return []
    context = {
        "person": person,
        "laeps": queries.laeps_for(request.user, person),
        "may_record": access.allowed(request.user, Action.RECORD_EVENT),
    }
    return [render_to_string("reviews/laep/person_panel.jinja", context, request)]
