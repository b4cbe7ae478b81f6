"""Which version of a letter a reader gets, over plain data (tested without the database).

Each letter has a version for each kind of reader (the person, their family or carer, the referrer) and an easy
read version for the person (001 s2.4: information in a form the person can understand). The person's recorded
communication needs choose the default: easy read for them when they need it; large text when they read easy
read or large print. Their family and the referrer get the standard wording written for them.
"""

from __future__ import annotations

from dataclasses import dataclass

STANDARD, EASY_READ = "standard", "easy_read"


@dataclass(frozen=True)
class Needs:
    easy_read: bool = False
    large_print: bool = False
    interpreter: str = ""
    preferred_method: str = ""  # "", "letter", "email" or "phone"


def version_for(recipient: str, needs: Needs, *, shared: bool = False) -> str:
    """The version a reader gets unless the sender chooses otherwise. A letter the family shares with the person
    (the invitation to their review) is easy read for both when the person reads easy read."""
    if not needs.easy_read:
        return STANDARD
    return EASY_READ if recipient == "person" or (shared and recipient == "family") else STANDARD


def large_text(recipient: str, version: str, needs: Needs) -> bool:
    """Whether the printed letter is in large text: every easy read letter, and any letter to a person who
    reads large print."""
    return version == EASY_READ or (recipient == "person" and needs.large_print)


def method_for(needs: Needs, *, has_email: bool, otherwise: str) -> str:
    """How to send a letter to the person: a printed letter when they prefer post, an email when they prefer
    email and have an address, else what suits everyone else it goes to."""
    if needs.preferred_method == "letter":
        return "pdf"
    if needs.preferred_method == "email" and has_email:
        return "email"
    return otherwise


def reminders(needs: Needs) -> list[str]:
    """What a sender should know before writing or calling, in the order they matter."""
    found = []
    if needs.interpreter:
        found.append(f"Needs an interpreter ({needs.interpreter}) for calls and meetings")
    if needs.easy_read:
        found.append("Reads easy read: send the easy read version")
    if needs.large_print:
        found.append("Reads large print: print letters in large text")
    if needs.preferred_method == "phone":
        found.append("Prefers a phone call: call as well as writing")
    return found


def summary(needs: Needs) -> str:
    parts = [
        *(["easy read"] if needs.easy_read else []),
        *(["large print"] if needs.large_print else []),
        *([f"interpreter ({needs.interpreter})"] if needs.interpreter else []),
    ]
    return ", ".join(parts)
