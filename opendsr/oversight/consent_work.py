"""The date to ask again after someone did not give consent to be on the register (s2.4.3), in the work queue."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from opendsr.accounts import access
from opendsr.oversight.links import person_url
from opendsr.register.contributions import DUE_SOON_DAYS, WorkItem, among, any_rows, short
from opendsr.register.models import ConsentKind, ConsentRecord
from opendsr.web.formatting import nhs_date


def ask_again_items(user, people, today: dt.date) -> list[WorkItem]:
    """From 28 days before the date to ask again, until consent is given or refused again."""
    refusals = (
        ConsentRecord.objects.filter(
            among(people),
            kind=ConsentKind.REFUSED,
            revisit_on__isnull=False,
            revisit_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("person")
        .order_by("revisit_on", "pk")
    )
    items = []
    for refusal in any_rows(refusals):
        asked_since = ConsentRecord.objects.filter(
            person_id=refusal.person_id, kind__in=[ConsentKind.GIVEN, ConsentKind.REFUSED]
        ).filter(Q(date__gt=refusal.date) | Q(date=refusal.date, pk__gt=refusal.pk))
        if asked_since.exists():
            continue
        record = access.link(user, "register:consent", refusal.person_id)
        reasons = short(refusal.reasons)
        items.append(
            WorkItem(
                kind="ask_again",
                label="Ask again for consent to be on the register",
                person_id=refusal.person_id,
                person_name=refusal.person.full_name,
                due=refusal.revisit_on,
                status="overdue" if refusal.revisit_on < today else "due",
                basis=f"Consent not given on {nhs_date(refusal.date)}: {reasons}"
                + (f". Offered instead: {refusal.alternative_offered}" if refusal.alternative_offered else "")
                + " (s2.4.3)",
                person_url=person_url(refusal.person_id),
                action_url=record,
                action_text="Record consent" if record else None,
            )
        )
    return items
