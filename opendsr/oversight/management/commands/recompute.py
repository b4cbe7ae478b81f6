"""`opendsr recompute`: recompute every person's obligations from their facts and timeline, and say what changed."""

import time

from django.core.management.base import BaseCommand

from opendsr.register.obligations import recompute_all


class Command(BaseCommand):
    help = "Recompute the whole register's obligations with the policy clock and print what changed."

    def handle(self, *args, **options):
        started = time.perf_counter()
        totals = recompute_all()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Recomputed {totals['people']} people in {seconds:.2f} seconds: "
            f"{totals['people_changed']} changed, {totals['added']} obligations added, "
            f"{totals['removed']} removed."
        )
