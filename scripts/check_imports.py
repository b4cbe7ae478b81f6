"""Fail when a lower room of OpenDSR imports a higher one.

Imports go one way, down (docs/developing.md):

    policy  <-  accounts  <-  web  <-  register  <-  inpatients, communication  <-  referrals, reviews, imports  <-  oversight, meetings, reporting, public  <-  records  <-  api

A room may import its own modules and any room below it, never one above it or beside it at the same level,
and not even inside a function to dodge a cycle. Where a lower room must ask a higher one (who may see which
person, what goes on the person page or in the work queue), the higher room registers an answer at start-up in
its `AppConfig.ready`.

The top of the project may import anything: `opendsr.settings`, `opendsr.urls`, `opendsr.wsgi`, `opendsr.cli`,
`opendsr.bench` and the `load_demo` command, which puts every room's demo data together.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each room's level; a module belongs to the room of its longest matching prefix. The account pages (log-in,
# users, teams, the audit log) are pages like any other, so they sit above web, whose form and formatting
# helpers they use; the rest of accounts (models, access, audit) sits below it.
ROOMS = {
    "opendsr.policy": "policy",
    "opendsr.accounts": "accounts",
    "opendsr.web": "web",
    "opendsr.accounts.views": "account pages",
    "opendsr.accounts.forms": "account pages",
    "opendsr.accounts.urls": "account pages",
    "opendsr.accounts.queries": "account pages",
    "opendsr.register": "register",
    "opendsr.inpatients": "inpatients",
    "opendsr.communication": "communication",
    "opendsr.referrals": "referrals",
    "opendsr.reviews": "reviews",
    "opendsr.oversight": "oversight",
    "opendsr.meetings": "meetings",
    "opendsr.reporting": "reporting",
    "opendsr.imports": "imports",
    "opendsr.public": "public",
    "opendsr.records": "records",
    # The API puts the rooms' reads and writes together for other systems, so it sits at the top with the project.
    "opendsr.api": "top",
}
LEVELS = {
    "policy": 0,
    "accounts": 1,
    "web": 2,
    "account pages": 3,
    "register": 3,
    "inpatients": 4,
    "communication": 4,  # the log and communication needs: referrals and reviews both write to it
    "referrals": 5,
    "reviews": 5,
    # Importing a register writes people, ratings, consent and timeline events through the register, so it sits
    # above it, beside referrals and reviews, which it never needs.
    "imports": 5,
    "oversight": 6,
    "meetings": 6,
    "reporting": 6,
    "public": 6,
    # Merging two records and moving a person between ICBs moves everything that hangs off a person, so it sits
    # above every room that keeps such a record.
    "records": 7,
}
# The top of the project puts the rooms together and may import any of them.
TOP = {
    "opendsr",
    "opendsr.settings",
    "opendsr.urls",
    "opendsr.wsgi",
    "opendsr.cli",
    "opendsr.bench",
    "opendsr.web.management.commands.load_demo",
}


def module_name(path: Path, package_root: Path) -> str:
    parts = list(path.relative_to(package_root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def room_of(module: str) -> str | None:
    """The room a module belongs to: "top", a key of LEVELS, or None outside OpenDSR."""
    if module in TOP or module.startswith("opendsr.bench."):
        return "top"
    matches = [prefix for prefix in ROOMS if module == prefix or module.startswith(prefix + ".")]
    if matches:
        return ROOMS[max(matches, key=len)]
    return "unknown" if module.split(".")[0] == "opendsr" else None


def imported_modules(tree: ast.AST, module: str, is_package: bool):
    """(line, module as written, what is imported) for every import of an opendsr module, at any depth in the file."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # `from opendsr import register` imports opendsr.register
                yield node.lineno, target, f"{target}.{alias.name}"


def problems_in(package_root: Path) -> list[str]:
    problems = []
    for path in sorted(package_root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = module_name(path, package_root)
        room = room_of(module)
        if room in (None, "top"):
            continue
        if room == "unknown":
            problems.append(f"{path.relative_to(package_root.parent)}: {module} has no place in the order")
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for line, target, imported in imported_modules(tree, module, path.name == "__init__.py"):
            other = room_of(imported)
            if other is None or other == room:
                continue
            if other not in LEVELS or LEVELS[other] >= LEVELS[room]:
                problems.append(
                    f"{path.relative_to(package_root.parent)}:{line}: {module} imports {target}"
                    f" ({other} is not below {room})"
                )
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    package_root = Path(argv[0]) if argv else ROOT / "opendsr"
    problems = problems_in(package_root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} imports go the wrong way: see the order in docs/developing.md")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
