"""`opendsr enqueue_nightly`: queue tonight's recompute and the morning's reminders for the task worker.

Run it once a day from cron, for example `15 2 * * * opendsr enqueue_nightly`, with a worker running
(`opendsr db_worker`). The recompute is queued first so the reminders read fresh obligations.
"""

from django.core.management.base import BaseCommand

from opendsr.oversight.tasks import daily_reminders, nightly_recompute


class Command(BaseCommand):
    help = "Queue the nightly recompute and the daily reminder emails."

    def add_arguments(self, parser):
        parser.add_argument("--no-reminders", action="store_true", help="Queue only the recompute.")

    def handle(self, *args, no_reminders=False, **options):
        recompute = nightly_recompute.enqueue()
        self.stdout.write(f"Queued the recompute ({recompute.id}).")
        if not no_reminders:
            reminders = daily_reminders.using(priority=-1).enqueue()
            self.stdout.write(f"Queued the reminder emails ({reminders.id}).")
