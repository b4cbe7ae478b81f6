"""Reads for the communication log: every letter, email and phone call about a person, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from opendsr.communication.models import Communication, Version
from opendsr.register.models import OutcomeCommunication, Person


@dataclass(frozen=True)
class Entry:
    sent_on: dt.date
    what: str
    method: str  # what a user reads: "Letter", "Email", "Phone call"
    to: str  # who it went to, and where
    sent_by: str
    easy_read: bool
    copy: str  # the copy sent, or what was said
    pk: int | None = None  # a logged communication (its copy has a page); None for a record kept elsewhere


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user else "OpenDSR"


def log_for(person: Person) -> list[Entry]:
    entries = [
        Entry(
            sent_on=row.sent_on,
            what=row.what,
            method=row.get_method_display(),
            to=", ".join(part for part in (row.to_name or row.get_to_whom_display(), row.to_address) if part),
            sent_by=_name(row.sent_by),
            easy_read=row.version == Version.EASY_READ,
            copy=row.body,
            pk=row.pk,
        )
        for row in Communication.objects.filter(person=person).select_related("sent_by")
    ]
    # Telling the rating (the register keeps it; its copy is the notes), unless its telling is logged above.
    logged = set(Communication.objects.filter(person=person).values_list("source", flat=True))
    for told in OutcomeCommunication.objects.filter(person=person).select_related("recorded_by", "decision"):
        if told.source_ref in logged:
            continue
        who = told.who or " and ".join(
            name
            for flag, name in ((told.told_person, "the person"), (told.told_referrer, "the referrer"))
            if flag
        )
        entries.append(
            Entry(
                sent_on=told.told_on,
                what=f"Rating decision told ({told.decision.get_rating_display().lower()})",
                method=told.get_method_display(),
                to=who,
                sent_by=_name(told.recorded_by),
                easy_read=False,
                copy=told.notes,
            )
        )
    return sorted(entries, key=lambda entry: (entry.sent_on, entry.pk or 0), reverse=True)


def entry_for(person: Person, pk: int) -> Communication | None:
    return Communication.objects.filter(person=person, pk=pk).select_related("sent_by").first()
