"""The referral inbox and the page of one referral."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from opendsr.accounts import audit
from opendsr.accounts.access import Action, requires
from opendsr.referrals import forms, queries
from opendsr.referrals.views.common import referral_or_404
from opendsr.register.models import DecidedRating
from opendsr.web.jinja import url_or_none
from opendsr.web.params import query_without_page
from opendsr.web.today import today as get_today

PAGE_SIZE = 25


@requires(Action.MANAGE_REFERRALS)
def inbox(request):
    form = forms.InboxForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {}) or {}
    filters = queries.InboxFilters(
        stage=data.get("stage") if "stage" in request.GET else "open",
        source=data.get("source", ""),
        channel=data.get("channel", ""),
        q=data.get("q", ""),
    )
    today = get_today()
    rows = queries.inbox(request.user, filters, today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        "the referral inbox",
        people=[row.referral.person_id for row in page.object_list if row.referral.person_id],
        filters={**vars(filters), "page": page.number},
    )
    return render(
        request,
        "referrals/inbox.jinja",
        {
            "form": form,
            "rows": page.object_list,
            "page": page,
            "query": query_without_page(request),
            "count": len(rows),
            "counts": queries.stage_counts(request.user),
            "filters": filters,
            "today": today,
            "filtered": any(request.GET.get(k) for k in ("q", "source", "channel"))
            or filters.stage not in ("open",),
        },
    )


@requires(Action.MANAGE_REFERRALS)
def detail(request, referral_pk):
    referral = referral_or_404(request, referral_pk)
    audit.record(
        request,
        "referral.viewed",
        person=referral.person,
        summary=f"Viewed the referral received {referral.received_on:%-d %B %Y}",
        detail={"referral": referral.pk},
    )
    today = get_today()
    page = queries.referral_page(referral, today)
    return render(
        request,
        "referrals/detail.jinja",
        {
            "referral": referral,
            "person": referral.person,
            "today": today,
            "rate_url": url_or_none("register:rate", referral.person.pk),
            "leave_url": url_or_none("register:leave", referral.person.pk),
            "not_eligible": getattr(page["decision"], "rating", "") == DecidedRating.NOT_ELIGIBLE,
            **page,
        },
    )
