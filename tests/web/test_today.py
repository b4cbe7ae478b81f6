"""Every page, letter and write reads today from one place, so that a fixed date (OPENDSR_TODAY) holds
everywhere and no due date is worked out from a different day."""

import re
from pathlib import Path

from opendsr.web.today import today as get_today

OTHER_WAYS = re.compile(r"date\.today\(\)|timezone\.localdate\(|now\(\)\.date\(\)|localtime\(\)\.date\(\)")


def test_today_is_the_fixed_date_in_tests(today):
    assert get_today() == today


def test_nothing_reads_the_date_another_way():
    root = Path(__file__).resolve().parents[2] / "opendsr"
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        if path != root / "web" / "today.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if OTHER_WAYS.search(line)
    ]
    assert found == []
