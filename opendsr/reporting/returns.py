"""The monthly return: on the first working day of each month (England's bank holidays, from the policy calendar),
each ICB's figures for the month before, as at its last day, are built once, kept, and the ICB's DSR leads are
emailed a link to them.

The daily run (`opendsr enqueue_nightly`) queues `tasks.monthly_returns` every day; it builds returns only on the
first working day of a month, and only those not yet kept, so running it twice builds nothing twice. Each lead's
email is sent on its own (`ReturnEmail`): one that fails does not stop the others, and is tried again on the next
daily run, up to `RETURN_EMAIL_TRIES` tries in all; one that was sent is never sent again, and one that failed
its last try is given up and shown as such on the return's page.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from opendsr.accounts.models import Organisation, Role, User
from opendsr.policy import add_days, add_months, is_working_day
from opendsr.reporting import queries, snapshots
from opendsr.reporting.models import RETURN_EMAIL_TRIES, MonthlyReturn, ReturnEmail
from opendsr.web.formatting import nhs_date
from opendsr.web.today import today as get_today

log = logging.getLogger(__name__)


def first_working_day(day: dt.date) -> dt.date:
    """The first working day of the month `day` is in."""
    first = day.replace(day=1)
    while not is_working_day(first):
        first = add_days(first, 1)
    return first


def month_before(day: dt.date) -> dt.date:
    """The first day of the month before the one `day` is in."""
    return add_months(day.replace(day=1), -1)


def leads_of(icb: Organisation):
    return User.objects.filter(icb=icb, role=Role.DSR_LEAD, is_active=True).exclude(email="").order_by("pk")


def build(icb: Organisation, month: dt.date, *, email: bool = True) -> MonthlyReturn:
    """Build and keep the return for `month` (its first day), unless it is kept already; either way, the kept
    one. Figures are as at the month's last day: worked out as on the day after it, from the timeline (a rating
    dated after the month says the person was not yet on the register in it). Once kept, each DSR lead of the
    ICB is emailed a link, unless `email` is False."""
    kept = MonthlyReturn.objects.filter(icb=icb, month=month).first()
    if kept is not None:
        return kept
    month_end = add_days(add_months(month, 1), -1)
    rule = queries.rule_for(icb)
    figures = queries.figures_for_icb(
        icb,
        add_days(month_end, 1),
        period_kind="month",
        ending=month,
        rule=rule,
        with_charts=False,
        events_until=max(get_today(), month_end),
    )
    leads = list(leads_of(icb)) if email else []
    try:
        with transaction.atomic():
            kept = MonthlyReturn.objects.create(
                icb=icb,
                month=month,
                built_on=get_today(),
                figures=snapshots.to_json(figures),
                rule={"threshold": rule.threshold, "round_to": rule.round_to, "text": rule.describe()},
                sent_to=[lead.pk for lead in leads],
            )
            ReturnEmail.objects.bulk_create([ReturnEmail(monthly_return=kept, lead=lead) for lead in leads])
            transaction.on_commit(partial(send_unsent, kept.pk))
    except IntegrityError:  # another run kept it first
        return MonthlyReturn.objects.get(icb=icb, month=month)
    return kept


def message_for(kept: MonthlyReturn, lead: User) -> EmailMultiAlternatives:
    """What the DSR lead reads: which month, that the figures are ready, and a link that needs a log-in. No
    figure is in the email: a small number should not leave the service by email."""
    site = settings.SITE_URL.rstrip("/")
    context = {
        "name": lead.first_name or lead.email,
        "icb": kept.icb.name,
        "month": f"{kept.month:%B %Y}",
        "month_end": nhs_date(add_days(add_months(kept.month, 1), -1)),
        "link": site + reverse("reporting:return", args=[kept.pk]),
        "list_link": site + reverse("reporting:returns"),
    }
    message = EmailMultiAlternatives(
        subject=f"OpenDSR: the DSR figures for {context['month']} are ready",
        body=render_to_string("reporting/email/monthly_return.txt", context),
        to=[lead.email],
    )
    message.attach_alternative(render_to_string("reporting/email/monthly_return.html", context), "text/html")
    return message


def send_unsent(pk: int | None = None) -> tuple[int, int]:
    """Email each lead whose email for the return `pk` (every kept return, if None) has not been sent nor given
    up, each on its own: a failure is recorded against that lead and the others still go, and the failure of its
    last allowed try (`RETURN_EMAIL_TRIES`) gives it up. Returns (sent, failed).

    A lead's email is claimed (its `tries` moved on) before it is sent, so two runs at once never both send it;
    an email is marked sent only once the mail server took it."""
    sent = failed = 0
    unsent = ReturnEmail.objects.filter(
        sent_at__isnull=True, gave_up_at__isnull=True, lead__is_active=True
    ).select_related("monthly_return__icb", "lead")
    if pk is not None:
        unsent = unsent.filter(monthly_return_id=pk)
    for email in unsent.order_by("monthly_return_id", "lead_id"):
        claimed = ReturnEmail.objects.filter(pk=email.pk, sent_at__isnull=True, tries=email.tries).update(
            tries=F("tries") + 1
        )
        if not claimed:
            continue
        try:
            message_for(email.monthly_return, email.lead).send()
        except Exception as error:  # noqa: BLE001 (any failure of one lead's email must not stop the others)
            now = timezone.now()
            last_try = email.tries + 1 >= RETURN_EMAIL_TRIES
            log.warning(
                "The monthly return email %s could not be sent (try %s of %s%s): %s",
                email.pk,
                email.tries + 1,
                RETURN_EMAIL_TRIES,
                ", given up" if last_try else "",
                error,
            )
            ReturnEmail.objects.filter(pk=email.pk).update(
                failed_at=now, error=str(error)[:1000], gave_up_at=now if last_try else None
            )
            failed += 1
        else:
            ReturnEmail.objects.filter(pk=email.pk).update(sent_at=timezone.now(), error="")
            sent += 1
    return sent, failed


def build_due(today: dt.date | None = None) -> list[MonthlyReturn]:
    """On the first working day of a month, build each ICB's return for the month before (those not kept yet).
    On any other day, nothing."""
    today = today or get_today()
    if today != first_working_day(today):
        return []
    month = month_before(today)
    built = []
    for icb in Organisation.objects.filter(kind="icb").order_by("pk"):
        if not MonthlyReturn.objects.filter(icb=icb, month=month).exists():
            built.append(build(icb, month))
    return built
