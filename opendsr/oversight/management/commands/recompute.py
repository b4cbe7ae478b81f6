"""`opendsr recompute`: recompute every person's obligations from their facts and timeline, and say what changed.

`--workers N` shares the register out by person id over N processes, each with its own database connection
(on SQLite as on PostgreSQL); about one per processor core is right.
"""

import time

from django.core.management.base import BaseCommand

from opendsr.register.recompute import recompute_all


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Recompute the whole register's obligations with the policy clock and print what changed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=positive,
            default=1,
            help="processes to share the register out over, by person id (default 1)",
        )
        parser.add_argument(
            "--batch",
            type=positive,
            default=5000,
            help="people read and recomputed at a time (default 5000)",
        )

    def handle(self, *args, workers: int, batch: int, **options):
        started = time.perf_counter()
        totals = recompute_all(workers=workers, batch=batch)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Recomputed {totals['people']} people in {seconds:.2f} seconds "
            f"({totals['workers']} {'process' if totals['workers'] == 1 else 'processes'}): "
            f"{totals['people_changed']} changed, {totals['added']} obligations added, "
            f"{totals['removed']} removed."
        )
