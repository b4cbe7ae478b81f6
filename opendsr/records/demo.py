"""The demo's records work: one person entered twice on the demo ICB's register (a slip in the surname), and one
person the second demo ICB proposes moving to the demo ICB, waiting for the DSR lead's answer. Safe to run twice."""

from __future__ import annotations

import datetime as dt

from opendsr.records.models import IcbTransfer
from opendsr.records.services import propose_transfer
from opendsr.register.models import Person
from opendsr.register.nhs_numbers import test_range
from opendsr.register.services.people import create_person

TWICE = [("Bethany", "Corrigan"), ("Bethany", "Corigan")]
BORN = dt.date(1998, 3, 12)
MOVING = ("Ezra", "Holloway")


def _numbers(count: int) -> list[str]:
    numbers = test_range(700_000)
    return [next(numbers) for _ in range(count)]


def load(context: dict) -> dict:
    icb, other_icb = context["icb"], context["other_icb"]
    users, teams = context["users"], context["teams"]
    lead, other_lead = users.get("lead@northdale.example"), users.get("lead@westmere.example")
    if lead is None or other_lead is None:
        return context
    numbers = _numbers(3)
    for (given, family), number in zip(TWICE, numbers, strict=False):
        if not Person.objects.filter(nhs_number=number).exists():
            create_person(
                icb=icb,
                by=lead,
                team=teams["adult"],
                nhs_number=number,
                given_name=given,
                family_name=family,
                date_of_birth=BORN,
                diagnosis="learning_disability",
                postcode="ND4 2RT",
            )
    moving = Person.objects.filter(nhs_number=numbers[2]).first()
    if moving is None:
        moving = create_person(
            icb=other_icb,
            by=other_lead,
            team=teams.get("other"),
            nhs_number=numbers[2],
            given_name=MOVING[0],
            family_name=MOVING[1],
            date_of_birth=dt.date(1991, 9, 30),
            diagnosis="autistic",
        )
    if not IcbTransfer.objects.filter(person=moving).exists():
        propose_transfer(
            person=moving,
            by=other_lead,
            to_icb=icb,
            reason="Ezra has moved into supported living in Northdale, near his sister.",
        )
    return context
