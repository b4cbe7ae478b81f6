"""Rules about letters over plain data, tested without the database: where a letter goes, and how it is sent
unless the user says otherwise."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Addressee:
    """Whoever a letter can go to, as recorded: their name, email address and postal address (lines)."""

    recipient: str  # "person", "family" or "referrer"
    name: str
    email: str = ""
    address: str = ""
    postcode: str = ""


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def address_lines(addressee: Addressee) -> list[str]:
    """The address block at the top of a printed letter: the name it is to, then each line of the postal address
    recorded for that reader, then their postcode. Nothing is borrowed from another reader: a letter to the
    family or the referrer never carries the person's home address, so a printed letter cannot go to the
    wrong door."""
    name = " ".join((addressee.name or "").split())
    block = [name] if name else []
    block += lines(addressee.address)
    postcode = (addressee.postcode or "").strip().upper()
    if postcode and postcode not in (line.upper() for line in block):
        block.append(postcode)
    return block


def default_method(addressees: list[Addressee]) -> str:
    """Email when every reader has an email address, else a PDF to print or attach (one method for them all)."""
    return "email" if addressees and all(a.email for a in addressees) else "pdf"
