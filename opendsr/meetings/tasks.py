"""Background task (django-tasks): the nightly escalation run. Queue it once a day after the recompute with
`opendsr escalate --enqueue` (from cron), with a worker running (`opendsr db_worker`)."""

from __future__ import annotations

from django_tasks import task

from opendsr.meetings.escalation_run import run


@task()
def nightly_escalations() -> dict:
    return run()
