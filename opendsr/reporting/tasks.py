"""Background task (django-tasks): the monthly return. The daily run (`opendsr enqueue_nightly`) queues it every
day; it builds the returns only on the first working day of a month (`returns.build_due`), and every day it sends
again each lead's email that failed before, until it has been tried `RETURN_EMAIL_TRIES` times
(`returns.send_unsent`)."""

from __future__ import annotations

from django_tasks import task

from opendsr.reporting import returns


@task()
def monthly_returns() -> int:
    """The number of returns built today."""
    returns.send_unsent()  # those that failed on an earlier day, before today's are built and sent
    return len(returns.build_due())
