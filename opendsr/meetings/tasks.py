"""Background task (django-tasks): the nightly escalation run. `opendsr enqueue_nightly` queues it after the
recompute (the app registers it in `MeetingsConfig.ready`); `opendsr escalate --enqueue` queues it on its own."""

from __future__ import annotations

from django_tasks import task

from opendsr.meetings.escalation_run import run


@task()
def nightly_escalations() -> dict:
    return run()
