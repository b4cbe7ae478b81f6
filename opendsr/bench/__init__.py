"""The benchmark: a fictional register of 100,000 people and about a million timeline events, and how fast
OpenDSR reads it, recomputes it, serves the work queues and saves one change.

    make bench                                  # SQLite in var/bench.sqlite3, 100,000 people
    make bench BENCH_ARGS="--people 10000"      # a quick run
    scripts/with-postgres make bench            # PostgreSQL (DATABASE_URL)
    make bench BENCH_ARGS="--reuse --figures-only"  # the figures again on the register the last run built

Building the 100,000-person register takes about 2 minutes on 2 cores; `--reuse` keeps the one in the database
when it holds as many people as asked for.

Each figure is printed on its own line as `name: value`; the last line is `full_pass_over_raw_fetch: X.XX`, the
time of a full pass (fetch, recompute and write back every obligation into an empty table, in one process) over
the time a plain DB-API cursor takes to read the same people and events (`raw_fetch_seconds`).
Goals: full_pass_over_raw_fetch <= 5.0 (then 2.0); p95 of each page < 150 ms; saving one change < 20 ms; the
figures page and the monthly return worked out in under 2 s, and the figures page served from its kept copy after;
each is also given over its floor (`figures_floor_seconds`, a plain cursor reading the rows the figures are worked
out from), with the machine's load average beside it.
Everyone in it is made up; NHS numbers are from the 999 test range.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TODAY = dt.date(2027, 3, 1)
