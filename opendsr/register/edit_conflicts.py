"""Two people changing the same record at once (optimistic locking).

A form carries the version of the record it was loaded with. When it comes back and the record has moved on,
the three versions of each field are compared: what the user loaded (`original`), what they sent (`mine`) and
what is saved now (`saved`). A field only one side changed takes that side's value; a field both changed,
differently, is a conflict the user decides. Nothing typed is lost, and nobody's change is silently undone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

_UNKNOWN = object()


@dataclass(frozen=True)
class Conflict:
    name: str
    mine: object
    saved: object


class EditConflict(Exception):
    """The record changed since the form was loaded, and some fields were changed on both sides.

    `merged` holds every field as it should be offered again (the user's value where they changed it or both
    did, the saved value where only someone else did), `version` the version now saved."""

    def __init__(self, *, conflicts: list[Conflict], merged: dict, version: int):
        super().__init__(f"{len(conflicts)} fields changed by someone else")
        self.conflicts = conflicts
        self.merged = merged
        self.version = version


def _key(value):
    """Compare records by id, and treat an empty answer and no answer alike."""
    if value is None or value == "":
        return None
    return getattr(value, "pk", value)


def same(a, b) -> bool:
    return _key(a) == _key(b)


def merge(*, original: Mapping | None, mine: Mapping, saved: Mapping) -> tuple[dict, list[Conflict]]:
    """Three-way merge of the fields the user sent. `original` is None when what they loaded is not known:
    then every field that differs from the saved value is a conflict."""
    merged: dict = {}
    conflicts: list[Conflict] = []
    for name, value in mine.items():
        now = saved[name]
        before = original.get(name, _UNKNOWN) if original is not None else _UNKNOWN
        if same(value, now):
            merged[name] = value
        elif before is not _UNKNOWN and same(value, before):
            merged[name] = now  # only someone else changed it: keep their change
        elif before is not _UNKNOWN and same(now, before):
            merged[name] = value  # only this user changed it
        else:
            merged[name] = value
            conflicts.append(Conflict(name, value, now))
    return merged, conflicts
