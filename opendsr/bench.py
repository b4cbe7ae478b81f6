"""The benchmark: a fictional register of 100,000 people and about a million timeline events, and how fast
OpenDSR reads it, recomputes it, serves the work queues and saves one change.

    make bench                                  # SQLite in var/bench.sqlite3, 100,000 people
    make bench BENCH_ARGS="--people 10000"      # a quick run
    scripts/with-postgres make bench            # PostgreSQL (DATABASE_URL)

Each figure is printed on its own line as `name: value`; the last line is `full_pass_over_raw_fetch: X.XX`, the
time of a full pass (fetch, recompute and write back every obligation into an empty table, in one process) over
the time a plain DB-API cursor takes to read the same people and events (`raw_fetch_seconds`).
Goals: full_pass_over_raw_fetch <= 5.0 (then 2.0); p95 of each page < 150 ms; saving one change < 20 ms; the
figures page and the monthly return worked out in under 2 s, and the figures page served from its kept copy after.
Everyone in it is made up; NHS numbers are from the 999 test range.
"""

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

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2027, 3, 1)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m opendsr.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per page for the page timings")
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument(
        "--profile",
        choices=["raw", "recompute", "my_work", "icb", "figures", "save"],
        help="cProfile one step",
    )
    return parser.parse_args(argv)


def configure() -> str:
    """Point Django at a fresh benchmark database before it starts."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opendsr.settings")
    os.environ.setdefault("OPENDSR_TESTING", "1")
    os.environ["OPENDSR_TODAY"] = TODAY.isoformat()
    if os.environ.get("DATABASE_URL"):
        return "postgresql"
    path = Path(os.environ.get("OPENDSR_SQLITE") or ROOT / "var" / "bench.sqlite3")
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ["OPENDSR_SQLITE"] = str(path)
    return "sqlite"


def say(name: str, value) -> None:
    print(f"{name}: {value}", flush=True)


# ------------------------------------------------------------------------------------------- the register


class Register:
    """Makes the fictional register. Timelines follow the policy's pathways: referral, rating, consent; for red
    and amber, keyworker referral, meetings and community reviews; for some, admission, reviews, oversight
    visits, transfers and discharge."""

    def __init__(self, rng: random.Random, people: int):
        self.rng = rng
        self.people = people

    def build(self):
        from django.db import transaction

        from opendsr.accounts.models import Organisation, OrganisationKind, Role, Team, User
        from opendsr.register.models import Person, TimelineEvent
        from opendsr.register.nhs_numbers import test_range

        rng = self.rng
        icb = Organisation.objects.create(
            name="NHS Benchmark Integrated Care Board", kind=OrganisationKind.ICB
        )
        teams = [Team.objects.create(name=f"Community team {n + 1}", icb=icb) for n in range(10)]
        # No passwords: the benchmark logs its users in directly (and password hashing is slow on purpose).
        lead = User.objects.create_user("lead@bench.example", None, role=Role.DSR_LEAD, icb=icb)
        managers = [
            User.objects.create_user(
                f"manager{n}@bench.example", None, role=Role.CASE_MANAGER, icb=icb, team=team
            )
            for n, team in enumerate(t for t in teams for _ in range(5))
        ]
        numbers = test_range(self.people)
        given = ["Alex", "Jordan", "Casey", "Riley", "Morgan", "Jamie", "Sam", "Charlie", "Robin", "Taylor"]
        family = ["Smith", "Jones", "Patel", "Khan", "Brown", "Wilson", "Evans", "Taylor", "Ahmed", "Walker"]
        event_count = 0
        chunk = 5000
        for start in range(0, self.people, chunk):
            people, plans = [], []
            for n in range(start, min(start + chunk, self.people)):
                manager = managers[n % len(managers)]
                plan = self.timeline()
                people.append(
                    Person(
                        icb=icb,
                        team_id=manager.team_id,
                        case_manager=manager,
                        status="active",
                        nhs_number=next(numbers),
                        given_name=rng.choice(given),
                        family_name=f"{rng.choice(family)}{n}",
                        date_of_birth=plan["born"],
                        diagnosis=rng.choice(["autistic", "learning_disability", "both"]),
                        has_ehcp=plan["ehcp"],
                        has_unpaid_carer=rng.random() < 0.4,
                        known_to_keyworker=rng.random() < 0.2,
                        moj_restricted=rng.random() < 0.01,
                        location=plan["location"],
                        current_rating=plan["rating"],
                    )
                )
                plans.append(plan["events"])
            with transaction.atomic():
                Person.objects.bulk_create(people, batch_size=chunk)
                events = [
                    TimelineEvent(person_id=person.pk, date=date, type=type_, data=data)
                    for person, plan in zip(people, plans, strict=True)
                    for date, type_, data in plan
                ]
                TimelineEvent.objects.bulk_create(events, batch_size=5000)
            event_count += len(events)
        return lead, managers, event_count

    def timeline(self) -> dict:
        rng = self.rng
        day = lambda start, low, high: start + dt.timedelta(days=rng.randint(low, high))  # noqa: E731
        child = rng.random() < 0.3
        born = day(TODAY, -17 * 365, -4 * 365) if child else day(TODAY, -60 * 365, -19 * 365)
        received = day(TODAY, -3 * 365, -2)
        events = [(received, "referral_received", {"source": rng.choice(["professional", "self", "family"])})]
        if rng.random() < 0.92:
            events.append((day(received, 1, 8), "referral_acknowledged", {}))
        rating = ""
        location = "community"
        if received + dt.timedelta(days=40) < TODAY and rng.random() < 0.95 or rng.random() < 0.5:
            rated = min(day(received, 5, 35), TODAY)
            rating = rng.choices(["red", "amber", "green", "not_eligible"], [10, 25, 50, 15])[0]
            events.append((rated, "stratified", {"rating": rating}))
            if rng.random() < 0.9:
                events.append((min(day(rated, 0, 2), TODAY), "outcome_communicated", {}))
            if rating != "not_eligible":
                events.append((rated, "consent_given", {}))
                checked = rated
                while (checked := day(checked, 330, 380)) < TODAY:
                    events.append((checked, "consent_checked", {}))
            if rating in ("red", "amber"):
                if rng.random() < 0.7:
                    events.append((min(day(rated, 0, 20), TODAY), "keyworker_referred", {}))
                meeting = rated
                while (meeting := day(meeting, 20, 90)) < TODAY:
                    events.append((meeting, "mdt_held", {}))
                if rating == "red" and rng.random() < 0.75:
                    held = min(day(rated, 0, 14), TODAY)
                    events.append((held, "cetr_held", {"kind": "community"}))
                    if rng.random() < 0.85:
                        events.append((min(day(held, 3, 20), TODAY), "cetr_report_sent", {}))
                if rng.random() < 0.3:
                    events.append((min(day(rated, 0, 30), TODAY), "carer_contingency_discussed", {}))
                if rng.random() < 0.2:
                    admitted = min(day(rated, 10, 400), TODAY)
                    if admitted < TODAY:
                        location = self.admission(events, admitted)
                        rating = "blue" if location == "inpatient" else ""
            if rng.random() < 0.03:
                events.append((min(day(received, 20, 600), TODAY), "cetr_declined", {}))
        events.sort(key=lambda e: e[0])
        return {
            "born": born,
            "ehcp": child and rng.random() < 0.4,
            "events": events,
            "rating": "" if rating == "not_eligible" else rating,
            "location": location,
        }

    def admission(self, events: list, admitted: dt.date) -> str:
        rng = self.rng
        day = lambda start, low, high: start + dt.timedelta(days=rng.randint(low, high))  # noqa: E731
        route = "criminal_justice" if rng.random() < 0.1 else "civil"
        setting = "secure" if route == "criminal_justice" or rng.random() < 0.25 else "non_secure"
        events.append((admitted, "admitted", {"setting": setting, "route": route}))
        discharged = day(admitted, 20, 700) if rng.random() < 0.6 else None
        end = min(discharged or TODAY, TODAY)
        review = day(admitted, 5, 25)
        first = True
        while review < end:
            if not first:
                planned_on = max(admitted, review - dt.timedelta(days=rng.randint(20, 60)))
                events.append((planned_on, "cetr_planned", {"planned_date": review.isoformat()}))
            first = False
            events.append(
                (review, "cetr_held", {"kind": "post_admission" if len(events) < 12 else "inpatient"})
            )
            if rng.random() < 0.8:
                events.append((min(day(review, 3, 16), end), "cetr_report_sent", {}))
            review = day(review, 80, 200)
        visit = day(admitted, 30, 60)
        while visit < end:
            events.append((visit, "oversight_visit", {"sit_and_see": rng.random() < 0.2}))
            visit = day(visit, 35, 65)
        if rng.random() < 0.1 and admitted + dt.timedelta(days=30) < end:
            events.append((day(admitted, 10, 30), "transferred", {"setting": "secure"}))
        if rng.random() < 0.08 and admitted + dt.timedelta(days=10) < end:
            segregated = day(admitted, 2, 10)
            events.append((segregated, "segregation_started", {}))
            if rng.random() < 0.7:
                events.append((min(day(segregated, 1, 60), end), "segregation_ended", {}))
        if rng.random() < 0.05:
            events.append((min(day(admitted, 5, 200), end), "complaint_made", {}))
        if rng.random() < 0.1 and admitted + dt.timedelta(days=100) < end:
            events.append((day(admitted, 90, 100), "oversight_panel_reviewed", {}))
        if discharged is not None and discharged < TODAY:
            events.append((discharged, "discharged", {}))
            return "community"
        return "inpatient"


# ------------------------------------------------------------------------------------------- measuring


def logged_in_client(user):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def time_pages(client, path: str, requests: int, pages: int = 5, warm: bool = True) -> list[float]:
    """Server time of `requests` GETs, walking the first few pages as people do."""
    timings = []
    if warm:
        client.get(path)  # warm up templates and the connection
    for n in range(requests):
        query = "" if n % pages == 0 else f"?page={n % pages + 1}"
        started = time.perf_counter()
        response = client.get(path + query)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}{query} answered {response.status_code}")
    return timings


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def raw_fetch_seconds() -> float:
    """Read every person's facts and every event's columns with a plain DB-API cursor, in the order the full
    pass reads them, keeping nothing: the floor under any pass over the register."""
    from django.db import connection

    from opendsr.register.models import Person
    from opendsr.register.obligations import FACT_FIELDS

    # The facts include the ICB's self-consent age, read through a join as the full pass reads it.
    people_sql, people_params = Person.objects.order_by().values_list(*FACT_FIELDS).query.sql_with_params()
    started = time.perf_counter()
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(people_sql, people_params)
        while cursor.fetchmany(20000):
            pass
        cursor.execute(
            "SELECT person_id, date, type, data, source, id FROM register_timelineevent "
            "WHERE voided_at IS NULL ORDER BY person_id, date, id"
        )
        while cursor.fetchmany(20000):
            pass
    finally:
        cursor.close()
    return time.perf_counter() - started


def profiled(name: str, wanted: str | None, function, *args, **kwargs):
    if wanted != name:
        return function(*args, **kwargs)
    import cProfile
    import pstats

    profile = cProfile.Profile()
    result = profile.runcall(function, *args, **kwargs)
    pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    return result


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    database = configure()
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
    if database == "postgresql":
        call_command("flush", verbosity=0, interactive=False)
    if database == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    say("migrate_seconds", f"{time.perf_counter() - started:.2f}")

    started = time.perf_counter()
    lead, managers, events = Register(random.Random(args.seed), args.people).build()
    say("people", args.people)
    say("events", events)
    say("generate_seconds", f"{time.perf_counter() - started:.2f}")
    if database == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    from opendsr.register import recompute
    from opendsr.register.models import Obligation

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

    if database == "sqlite":
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

    # (f) the figures page: the first view works every Appendix 9 measure out from the whole register (with its
    # charts); the views after it are served from the kept copy until the register changes. Then the monthly
    # return for February 2027, worked out and kept, as the first working day of March makes it.
    from opendsr.reporting import returns

    settings.OPENDSR_FIGURES_CACHE_SECONDS = 300  # as in production (OPENDSR_TESTING would turn it off)
    cache.clear()
    started = time.perf_counter()
    response = profiled("figures", args.profile, lead_client.get, "/figures/")
    if response.status_code != 200:
        raise SystemExit(f"/figures/ answered {response.status_code}")
    say("figures_page_first_seconds", f"{time.perf_counter() - started:.2f}")
    kept = []
    for _ in range(20):
        started = time.perf_counter()
        lead_client.get("/figures/")
        kept.append((time.perf_counter() - started) * 1000)
    say("figures_page_kept_p50_ms", f"{percentile(kept, 50):.1f}")
    say("figures_page_kept_p95_ms", f"{percentile(kept, 95):.1f}")
    started = time.perf_counter()
    monthly = returns.build(lead.icb, dt.date(2027, 2, 1))
    say("monthly_return_seconds", f"{time.perf_counter() - started:.2f}")
    say("monthly_return_on_register", monthly.figures["on_register"])

    # (e) saving one person's change, with its recompute, audit and history.
    from opendsr.oversight import services
    from opendsr.register.models import Person

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


if __name__ == "__main__":
    sys.exit(main())
