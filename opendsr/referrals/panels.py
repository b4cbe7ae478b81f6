"""The referrals part of a person's page."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.referrals.models import LetterStatus, Referral
from opendsr.referrals.queries import Stage, stage_of
from opendsr.register.models import RatingDecision


def person_panels(request, person) -> list[str]:
    referrals = (
        Referral.objects.filter(person=person)
        .annotate(
            letter_count=Count("letters", filter=Q(letters__status=LetterStatus.SENT)),
            waiting_count=Count("letters", filter=Q(letters__status=LetterStatus.QUEUED)),
            failed_count=Count("letters", filter=Q(letters__status=LetterStatus.FAILED)),
            rated=Exists(
                RatingDecision.objects.filter(person_id=OuterRef("person_id"), referral_id=OuterRef("pk"))
            ),
        )
        .order_by("-received_on", "-pk")
    )
    rows = []
    for referral in referrals:
        stage = stage_of(referral, referral.rated)
        rows.append(
            {
                "referral": referral,
                "stage_label": Stage.LABELS[stage],
                "letters": ", ".join(
                    text
                    for count, text in (
                        (referral.letter_count, f"{referral.letter_count} sent"),
                        (referral.waiting_count, f"{referral.waiting_count} waiting to be emailed"),
                        (referral.failed_count, f"{referral.failed_count} not sent: the email failed"),
                    )
                    if count
                ),
            }
        )
    html = render_to_string(
        "referrals/panel.jinja",
        {"person": person, "rows": rows, "may_manage": access.allowed(request.user, Action.MANAGE_REFERRALS)},
        request,
    )
    return [html]
