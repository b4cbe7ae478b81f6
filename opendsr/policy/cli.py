"""`opendsr obligations SCENARIO.json`: run the policy clock on one scenario file.

Prints `{"obligations": [...]}` on stdout and exits 0. A file that cannot be read, is not JSON, or does not
follow the contract exits 2 with one line on stderr naming the problem, and prints nothing on stdout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from opendsr.policy.clock import obligations_for
from opendsr.policy.scenario import ScenarioError, parse_scenario
from opendsr.policy.serialise import obligations_to_json

PROG = "opendsr obligations"
USAGE = "usage: opendsr obligations SCENARIO.json"
EXIT_MALFORMED = 2


class _Malformed(Exception):
    pass


def _load(path: str):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _Malformed(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise _Malformed(f"{path}: cannot read the file ({error.strerror or error})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise _Malformed(
            f"{path}: not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None


def main(argv: list[str]) -> int:
    """`argv` without the program's name: ["obligations", "scenario.json"]."""
    args = list(argv)
    if len(args) != 2 or args[0] != "obligations":
        print(USAGE, file=sys.stderr)
        return EXIT_MALFORMED
    path = args[1]
    try:
        scenario = _load(path)
        try:
            facts, events, today = parse_scenario(scenario)
        except ScenarioError as error:
            raise _Malformed(f"{path}: {error}") from None
    except _Malformed as error:
        print(f"{PROG}: {' '.join(str(error).split())}", file=sys.stderr)
        return EXIT_MALFORMED
    output = obligations_to_json(obligations_for(facts, events, today), today)
    print(json.dumps(output, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
