"""The benchmark's run: build (or reuse) the register, then time each step and print its figures."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path

import opendsr.bench
from opendsr.bench import ROOT, TODAY
from opendsr.bench.measuring import logged_in_client, percentile, profiled, raw_fetch_seconds, time_pages
from opendsr.bench.register import Register


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m opendsr.bench", description=opendsr.bench.__doc__.splitlines()[0]
    )
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per page for the page timings")
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the register an earlier run built (in the same database) when it holds --people people, "
        "instead of building it again",
    )
    parser.add_argument(
        "--figures-only",
        action="store_true",
        help="time only the figures page and the monthly return (with --reuse, a quick run at full size)",
    )
    parser.add_argument(
        "--profile",
        choices=["raw", "recompute", "my_work", "icb", "figures", "save"],
        help="cProfile one step",
    )
    return parser.parse_args(argv)


def configure(reuse: bool = False) -> str:
    """Point Django at the benchmark database before it starts: a fresh one, unless the register is reused."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opendsr.settings")
    os.environ.setdefault("OPENDSR_TESTING", "1")
    os.environ["OPENDSR_TODAY"] = TODAY.isoformat()
    if os.environ.get("DATABASE_URL"):
        return "postgresql"
    path = Path(os.environ.get("OPENDSR_SQLITE") or ROOT / "var" / "bench.sqlite3")
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm") if not reuse else ():
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ["OPENDSR_SQLITE"] = str(path)
    return "sqlite"


def say(name: str, value) -> None:
    print(f"{name}: {value}", flush=True)


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    database = configure(args.reuse)
    warnings.filterwarnings(
        "ignore", message="No directory at"
    )  # static files are not built for the benchmark

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.conf import settings
    from django.core.cache import cache

    settings.OPENDSR_COUNTS_CACHE_SECONDS = 60  # as in production (OPENDSR_TESTING would turn it off)
    say("database", database)
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    from opendsr.accounts.models import Role, User
    from opendsr.register.models import Person, TimelineEvent

    reused = args.reuse and Person.objects.count() == args.people
    if not reused and (database == "postgresql" or args.reuse):
        call_command("flush", verbosity=0, interactive=False)
    if database == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    say("migrate_seconds", f"{time.perf_counter() - started:.2f}")

    started = time.perf_counter()
    if reused:
        lead = User.objects.get(email="lead@bench.example")
        managers = list(
            User.objects.filter(role=Role.CASE_MANAGER, email__endswith="@bench.example").order_by("pk")
        )
        events = TimelineEvent.objects.count()
    else:
        lead, managers, events = Register(random.Random(args.seed), args.people).build()
    say("people", args.people)
    say("events", events)
    say("register_reused" if reused else "generate_seconds", f"{time.perf_counter() - started:.2f}")
    with connection.cursor() as cursor:  # the planner's figures for the new register, on either database
        cursor.execute("ANALYZE")

    from opendsr.bench import figures
    from opendsr.register import recompute
    from opendsr.register.models import Obligation

    if args.figures_only:
        if not Obligation.objects.exists():
            recompute.recompute_all(today=TODAY)
        figures.measure(lead, logged_in_client(lead), say, args.profile)
        return 0
    if reused:  # the full pass writes into an empty table
        Obligation.objects.all().delete()

    # The floor: a plain DB-API cursor reading the columns the full pass reads, for everyone, building nothing.
    raw_fetch = min(profiled("raw", args.profile, raw_fetch_seconds) for _ in range(2))
    say("raw_fetch_seconds", f"{raw_fetch:.2f}")

    # The full pass: fetch every timeline, recompute, and write every obligation into the empty table, batch by
    # batch, in one process.
    totals = recompute.Totals()
    started = time.perf_counter()
    profiled("recompute", args.profile, recompute.recompute_all, today=TODAY, totals=totals)
    full_pass = time.perf_counter() - started
    obligation_count = Obligation.objects.count()
    say("obligations", obligation_count)
    say("open_obligations", Obligation.objects.filter(is_open=True).count())
    say("fetch_seconds", f"{totals.fetch_seconds:.2f}")
    say("recompute_seconds", f"{totals.recompute_seconds:.2f}")
    say("recompute_over_fetch", f"{totals.recompute_seconds / totals.fetch_seconds:.2f}")
    say("full_pass_seconds", f"{full_pass:.2f}")

    # The same full pass shared out over 2 processes by person id (`opendsr recompute --workers 2`).
    Obligation.objects.all().delete()
    started = time.perf_counter()
    shared = recompute.recompute_all(today=TODAY, workers=2)
    full_pass_2 = time.perf_counter() - started
    if Obligation.objects.count() != obligation_count or shared["workers"] != 2:
        raise SystemExit("the pass with 2 workers did not store what the pass with 1 stored")
    say("full_pass_2_workers_seconds", f"{full_pass_2:.2f}")
    say("workers_2_speedup", f"{full_pass / full_pass_2:.2f}")
    say("full_pass_2_workers_over_raw_fetch", f"{full_pass_2 / raw_fetch:.2f}")

    # The nightly run on an up-to-date register: everything recomputed and compared, nothing rewritten. (Run
    # last, in this process, as before: its connection, with the pass's larger SQLite page cache, serves the
    # pages below.)
    nightly = recompute.Totals()
    started = time.perf_counter()
    recompute.recompute_all(today=TODAY, totals=nightly)
    say("nightly_seconds", f"{time.perf_counter() - started:.2f}")
    say("nightly_people_changed", nightly.people_changed)

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    # (d) the pages.
    manager = managers[0]
    my_work = profiled(
        "my_work", args.profile, time_pages, logged_in_client(manager), "/work/", args.requests
    )
    say("my_work_caseload_people", manager.caseload.count())
    say("my_work_p50_ms", f"{percentile(my_work, 50):.1f}")
    say("my_work_p95_ms", f"{percentile(my_work, 95):.1f}")
    icb = profiled("icb", args.profile, time_pages, logged_in_client(lead), "/work/icb/", args.requests)
    say("icb_work_p50_ms", f"{percentile(icb, 50):.1f}")
    say("icb_work_p95_ms", f"{percentile(icb, 95):.1f}")
    # The same page when its counts are not yet kept (the first view after a change, or after a minute).
    cold = []
    lead_client = logged_in_client(lead)
    for _ in range(10):
        cache.clear()
        cold.extend(time_pages(lead_client, "/work/icb/", 1, warm=False))
    say("icb_work_uncached_p50_ms", f"{percentile(cold, 50):.1f}")

    figures.measure(lead, lead_client, say, args.profile)

    # (e) saving one person's change, with its recompute, audit and history.
    from opendsr.oversight import services

    rng = random.Random(args.seed + 1)
    people = list(Person.objects.filter(location="community").order_by("?")[: args.saves])
    saves = []

    def save_all():
        for person in people:
            started = time.perf_counter()
            services.record_timeline_event(
                person=person, by=manager, type="mdt_held", date=TODAY - dt.timedelta(days=rng.randint(0, 30))
            )
            saves.append((time.perf_counter() - started) * 1000)

    profiled("save", args.profile, save_all)
    say("save_p50_ms", f"{statistics.median(saves):.1f}")
    say("save_p95_ms", f"{percentile(saves, 95):.1f}")
    say("full_pass_over_raw_fetch", f"{full_pass / raw_fetch:.2f}")
    return 0
