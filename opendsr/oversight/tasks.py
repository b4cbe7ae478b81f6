"""Background tasks (django-tasks): the nightly recompute and the daily reminder emails.

Enqueue them once a day with `opendsr enqueue_nightly` (from cron, or any scheduler), and run a worker with
`opendsr db_worker`. The recompute matters because some obligations change with the date alone: an inpatient
stay reaching 6 or 12 months raises an oversight panel review (s18).
"""

from __future__ import annotations

from django_tasks import task

from opendsr.oversight.reminders import send_reminders
from opendsr.register.recompute import recompute_all


@task()
def nightly_recompute() -> dict:
    return recompute_all()


@task()
def daily_reminders() -> int:
    return send_reminders()
