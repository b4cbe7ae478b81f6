"""The policy clock compiled (`opendsr/policy/compiled.py`): used only when built from the sources as they are
now, and, when used, giving what the Python sources give."""

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opendsr.policy import Event, EventType, PersonFacts, compiled, obligations_for
from opendsr.policy.rows import rows_for_people
from tests.policy.test_policy_clock_properties import dates, facts, timelines

ROOT = Path(__file__).resolve().parents[2]


def _fake_build(build: Path, digest: str) -> None:
    for module in compiled.MODULES:
        path = compiled.built(module, build)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    (build / compiled.DIGEST_FILE).write_text(digest + "\n")


def test_a_build_is_used_only_when_made_from_these_sources_for_this_python(tmp_path):
    assert not compiled.is_current(tmp_path / "none"), "no build"
    _fake_build(tmp_path / "other", "0" * 64)
    assert not compiled.is_current(tmp_path / "other"), "a build from other sources"
    _fake_build(tmp_path / "current", compiled.digest())
    assert compiled.is_current(tmp_path / "current")
    compiled.built("rules.consent", tmp_path / "current").unlink()
    assert not compiled.is_current(tmp_path / "current"), "a build with a module missing"


def test_the_digest_changes_with_any_compiled_source(tmp_path, monkeypatch):
    before = compiled.digest()
    copy = tmp_path / "policy"
    for module in compiled.MODULES:
        target = copy.joinpath(*module.split(".")).with_suffix(".py")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compiled.source(module).read_bytes())
    monkeypatch.setattr(compiled, "PACKAGE", copy)
    assert compiled.digest() == before
    timeline = copy / "timeline.py"
    timeline.write_text(timeline.read_text() + "\n# changed\n")
    assert compiled.digest() != before


# What the clock gives, as plain JSON values and as rows, for people as (facts, events, today): computed
# here, and by a Python with OPENDSR_PURE_CORE=1 (`_pure_results`).


def _cases_as_json(cases) -> str:
    return json.dumps(
        [
            {
                "facts": {**vars_of(person), "date_of_birth": person.date_of_birth.isoformat()},
                "events": [[e.date.isoformat(), str(e.type), dict(e.data), e.seq, e.ref] for e in timeline],
                "today": today.isoformat(),
            }
            for person, timeline, today in cases
        ]
    )


def vars_of(person: PersonFacts) -> dict:
    return {field.name: getattr(person, field.name) for field in dataclasses.fields(person)}


def results_of(cases_json: str) -> list:
    """Each person's obligations, as JSON values, and as rows (`rows_for_people`)."""
    results = []
    for case in json.loads(cases_json):
        person = PersonFacts(
            **{**case["facts"], "date_of_birth": dt.date.fromisoformat(case["facts"]["date_of_birth"])}
        )
        events = [
            Event(dt.date.fromisoformat(day), EventType(kind), data, seq, ref)
            for day, kind, data, seq, ref in case["events"]
        ]
        today = dt.date.fromisoformat(case["today"])
        found = obligations_for(person, events, today)
        rows = rows_for_people({7: person}, {7: events}, today, _IsoDates({None: None}), 300)
        results.append([[_plain(o) for o in found], list(rows)])
    return results


class _IsoDates(dict):
    def __missing__(self, day):
        text = self[day] = day.isoformat()
        return text


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _plain(o) -> list:
    day = _day
    return [
        str(o.kind),
        day(o.raised_on),
        day(o.due),
        day(o.met_on),
        o.basis,
        list(o.reasons),
        o.raised_by_ref,
        o.met_by_ref,
        day(o.ended_on),
        o.ended_by_ref,
    ]


def _pure_results(cases_json: str) -> tuple[str, list]:
    """What the Python sources give, in another process: which clock module ran, and the results."""
    code = (
        "import json, sys\n"
        "from opendsr.policy import clock\n"
        "from tests.policy.test_compiled_core import results_of\n"
        "print(json.dumps([clock.__file__, results_of(sys.stdin.read())]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        input=cases_json,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, compiled.PURE_SWITCH: "1", "PYTHONPATH": str(ROOT)},
        check=True,
    )
    module, results = json.loads(run.stdout)
    return module, results


compiled_only = pytest.mark.skipif(
    not compiled.in_use(),
    reason="the clock runs as Python here (not compiled by make core, or OPENDSR_PURE_CORE is set)",
)


@compiled_only
@settings(max_examples=8, deadline=None)
@given(st.lists(st.tuples(facts, timelines, dates), min_size=1, max_size=60))
def test_the_compiled_clock_gives_the_obligations_and_rows_the_python_gives(cases):
    from opendsr.policy import clock

    cases_json = _cases_as_json(cases)
    pure_module, pure = _pure_results(cases_json)
    assert pure_module.endswith("clock.py") and not clock.__file__.endswith(".py")
    assert results_of(cases_json) == pure
