"""`opendsr enqueue_nightly`: queue tonight's recompute, the morning's reminders and the other rooms' nightly work
(the escalation run) for the task worker.

Run it once a day from cron, for example `15 2 * * * opendsr enqueue_nightly`, with a worker running
(`opendsr db_worker`). The recompute is queued first, at a higher priority, so that what follows reads fresh
obligations.
"""

from django.core.management.base import BaseCommand

from opendsr.oversight.tasks import daily_reminders, nightly_recompute
from opendsr.register import contributions


class Command(BaseCommand):
    help = "Queue the nightly recompute, the daily reminder emails and the nightly escalation run."

    def add_arguments(self, parser):
        parser.add_argument("--no-reminders", action="store_true", help="Leave out the reminder emails.")

    def handle(self, *args, no_reminders=False, **options):
        recompute = nightly_recompute.enqueue()
        self.stdout.write(f"Queued the recompute ({recompute.id}).")
        if not no_reminders:
            reminders = daily_reminders.using(priority=-1).enqueue()
            self.stdout.write(f"Queued the reminder emails ({reminders.id}).")
        for name, task in contributions.nightly_tasks():
            queued = task.using(priority=-1).enqueue()
            self.stdout.write(f"Queued {name} ({queued.id}).")
