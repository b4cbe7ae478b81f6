"""How the benchmark measures: page timings, percentiles, the floor of a plain cursor read, and profiling."""

from __future__ import annotations

import sys
import time


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
