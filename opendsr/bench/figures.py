"""The figures page and the monthly return on the benchmark's register, against the floor under them: a plain
DB-API cursor reading the rows the figures are worked out from (the ICB's measured events, its obligations with
a due date, its people and the actions agreed at C(E)TRs), building nothing."""

from __future__ import annotations

import datetime as dt
import os
import time

from opendsr.bench.measuring import percentile, profiled


def figures_floor_seconds(icb_id: int) -> float:
    from django.db import connection

    from opendsr.register.models import Obligation, Person, TimelineEvent
    from opendsr.reporting.queries.reading import MEASURED_TYPES
    from opendsr.reviews.models import ReviewAction

    queries = [
        TimelineEvent.objects.filter(person__icb_id=icb_id, voided_at__isnull=True, type__in=MEASURED_TYPES)
        .order_by()
        .values_list("person_id", "type", "date", "data"),
        Obligation.objects.filter(person__icb_id=icb_id, due__isnull=False)
        .order_by()
        .values_list("person_id", "kind", "due", "met_on", "ended_on"),
        Person.objects.filter(icb_id=icb_id)
        .order_by()
        .values_list(
            "id",
            "status",
            "created_at",
            "current_rating",
            "location",
            "date_of_birth",
            "has_ehcp",
            "in_cyp_tier4",
            "sex",
            "ethnicity",
            "diagnosis",
        ),
        ReviewAction.objects.filter(person__icb_id=icb_id)
        .order_by()
        .values_list("due", "status", "closed_on"),
    ]
    statements = [query.query.sql_with_params() for query in queries]
    connection.ensure_connection()
    started = time.perf_counter()
    cursor = connection.connection.cursor()
    try:
        for sql, params in statements:
            cursor.execute(sql.replace("%s", "?") if connection.vendor == "sqlite" else sql, params)
            while cursor.fetchmany(20000):
                pass
    finally:
        cursor.close()
    return time.perf_counter() - started


def load() -> str:
    """The machine's load average over 1, 5 and 15 minutes, printed beside each timing: other work on a shared
    machine slows every figure, so each is also given in this process's CPU seconds, which it slows less."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def measure(lead, client, say, profile: str | None) -> None:
    """(f) The figures page: the first view works every Appendix 9 measure out from the whole register (with
    its charts); the views after it are served from the kept copy until the register changes. Then the monthly
    return for February 2027, worked out and kept, as the first working day of March makes it."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection

    from opendsr.reporting import returns

    cpu = time.process_time()
    floor = min(figures_floor_seconds(lead.icb_id) for _ in range(2))
    say("figures_floor_seconds", f"{floor:.2f}")
    say("figures_floor_cpu_seconds", f"{(time.process_time() - cpu) / 2:.2f}")
    say("figures_floor_load", load())

    settings.OPENDSR_FIGURES_CACHE_SECONDS = 300  # as in production (OPENDSR_TESTING would turn it off)
    cache.clear()
    started, cpu = time.perf_counter(), time.process_time()
    response = profiled("figures", profile, client.get, "/figures/")
    if response.status_code != 200:
        raise SystemExit(f"/figures/ answered {response.status_code}")
    first = time.perf_counter() - started
    say("figures_page_first_seconds", f"{first:.2f}")
    say("figures_page_first_cpu_seconds", f"{time.process_time() - cpu:.2f}")
    say("figures_page_first_load", load())
    say("figures_page_first_over_floor", f"{first / floor:.2f}")
    kept = []
    for _ in range(20):
        started = time.perf_counter()
        client.get("/figures/")
        kept.append((time.perf_counter() - started) * 1000)
    say("figures_page_kept_p50_ms", f"{percentile(kept, 50):.1f}")
    say("figures_page_kept_p95_ms", f"{percentile(kept, 95):.1f}")

    month = dt.date(2027, 2, 1)
    with connection.cursor() as cursor:  # a return kept by an earlier run on a reused register is built again
        cursor.execute("DELETE FROM reporting_returnemail")
        cursor.execute("DELETE FROM reporting_monthlyreturn")
    started, cpu = time.perf_counter(), time.process_time()
    monthly = returns.build(lead.icb, month, email=False)
    built = time.perf_counter() - started
    say("monthly_return_seconds", f"{built:.2f}")
    say("monthly_return_cpu_seconds", f"{time.process_time() - cpu:.2f}")
    say("monthly_return_load", load())
    say("monthly_return_over_floor", f"{built / floor:.2f}")
    say("monthly_return_on_register", monthly.figures["on_register"])
