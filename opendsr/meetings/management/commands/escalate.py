"""`opendsr escalate`: the nightly escalation run (raise, move up a level, email the managers).

`opendsr enqueue_nightly` queues it every night after the recompute, for the worker (`opendsr db_worker`). Run by
hand, it runs at once and prints what it did; `--enqueue` queues it for the worker instead.
"""

from django.core.management.base import BaseCommand

from opendsr.meetings.escalation_run import run
from opendsr.meetings.tasks import nightly_escalations


class Command(BaseCommand):
    help = "Raise escalations from the DSR lead's rules, move up unacknowledged ones, and email the managers."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the run for the task worker.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = nightly_escalations.enqueue()
            self.stdout.write(f"Queued the escalation run ({result.id}).")
            return
        done = run()
        self.stdout.write(
            f"Raised {done['raised']}, moved up {done['moved_up']}, sent {done['emailed']} email"
            f"{'' if done['emailed'] == 1 else 's'}."
        )
