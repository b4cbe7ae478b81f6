"""The demo's records work: one person entered twice on the demo ICB's register (a slip in the surname); two
cousins of the same name whose records look alike, already marked as different people; and one person the second
demo ICB proposes moving to the demo ICB, waiting for the DSR lead's answer. Safe to run twice."""

from __future__ import annotations

import datetime as dt

from opendsr.records.models import IcbTransfer
from opendsr.records.services import propose_transfer
from opendsr.records.services.not_duplicates import mark_not_duplicate, mark_of
from opendsr.register.models import Person
from opendsr.register.nhs_numbers import test_range
from opendsr.register.services.people import create_person

TWICE = [("Bethany", "Corrigan"), ("Bethany", "Corigan")]
BORN = dt.date(1998, 3, 12)
MOVING = ("Ezra", "Holloway")
# Same name, born a year apart (dates one digit apart, as a slip would make them): offered as a possible
# duplicate until someone who knows them says otherwise.
COUSINS = [("Callum", "Reid", dt.date(1995, 6, 14)), ("Callum", "Reid", dt.date(1996, 6, 14))]
COUSINS_REASON = (
    "Two different men: cousins of the same name, born a year apart, with their own NHS numbers and GP "
    "practices. Checked with the adult community team and both GP practices."
)


def _numbers(count: int) -> list[str]:
    numbers = test_range(700_000)
    return [next(numbers) for _ in range(count)]


def _person(number: str, *, given: str, family: str, born: dt.date, **details) -> Person:
    """The demo person with this NHS number, added the first time."""
    found = Person.objects.filter(nhs_number=number).first()
    return found or create_person(
        nhs_number=number, given_name=given, family_name=family, date_of_birth=born, **details
    )


def load(context: dict) -> dict:
    icb, other_icb = context["icb"], context["other_icb"]
    users, teams = context["users"], context["teams"]
    lead, other_lead = users.get("lead@northdale.example"), users.get("lead@westmere.example")
    if lead is None or other_lead is None:
        return context
    numbers = _numbers(5)
    ours = {"icb": icb, "by": lead, "team": teams["adult"]}
    for (given, family), number in zip(TWICE, numbers[:2], strict=True):
        _person(
            number,
            given=given,
            family=family,
            born=BORN,
            diagnosis="learning_disability",
            postcode="ND4 2RT",
            **ours,
        )
    cousins = [
        _person(number, given=given, family=family, born=born, diagnosis="autistic", **ours)
        for (given, family, born), number in zip(COUSINS, numbers[3:5], strict=True)
    ]
    if mark_of(*cousins) is None:
        mark_not_duplicate(first=cousins[0], second=cousins[1], by=lead, reason=COUSINS_REASON)
    moving = _person(
        numbers[2],
        given=MOVING[0],
        family=MOVING[1],
        born=dt.date(1991, 9, 30),
        diagnosis="autistic",
        icb=other_icb,
        by=other_lead,
        team=teams.get("other"),
    )
    if not IcbTransfer.objects.filter(person=moving).exists():
        propose_transfer(
            person=moving,
            by=other_lead,
            to_icb=icb,
            reason="Ezra has moved into supported living in Northdale, near his sister.",
        )
    return context
