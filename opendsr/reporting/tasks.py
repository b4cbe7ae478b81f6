"""Background task (django-tasks): the monthly return. The daily run (`opendsr enqueue_nightly`) queues it every
day; it builds the returns only on the first working day of a month (`returns.build_due`)."""

from __future__ import annotations

from django_tasks import task

from opendsr.reporting import returns


@task()
def monthly_returns() -> int:
    return len(returns.build_due())
