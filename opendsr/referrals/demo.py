"""Demo referrals: new ones waiting to be acknowledged (one overdue), some waiting for a rating or an outcome,
some closed (one not eligible, one disputed). Each referral brings a new, fictional person. Safe to run twice."""

from __future__ import annotations

import datetime as dt

from opendsr.referrals import services
from opendsr.referrals.models import Referral
from opendsr.register.demo import give_consent
from opendsr.register.models import Person
from opendsr.register.nhs_numbers import test_range
from opendsr.register.services.rating import record_rating
from opendsr.web.today import today as get_today

# (first name, last name, age, source, channel, received days ago, how far it has got)
PLAN = [
    ("Ellis", "Marsh", 19, "professional", "in_app", 2, "new"),
    ("Noor", "Haddad", 15, "family", "phone", 4, "new"),
    ("Tomasz", "Nowak", 33, "self", "email", 12, "new"),  # the acknowledgement is overdue
    ("Ama", "Boateng", 27, "professional", "letter", 9, "acknowledged"),
    ("Finley", "Shaw", 12, "cetr_request", "in_app", 20, "acknowledged"),
    ("Rhea", "Kapoor", 22, "professional", "in_app", 14, "rated"),
    ("Owen", "Pryce", 41, "family", "phone", 35, "closed"),
    ("Lily", "Fenwick", 17, "professional", "email", 30, "not_eligible"),
    ("Sami", "Qureshi", 29, "self", "phone", 45, "disputed"),
]

REASONS = {
    "professional": "Placement at risk of breaking down after three incidents this month; staff team changing.",
    "family": "Family are exhausted and worried about going into crisis; recent visit to A&E.",
    "self": "Says things are getting too much and they have been to A&E twice.",
    "cetr_request": "Their advocate asked for a C(E)TR; they are not yet on the register.",
}
TRIGGERS = {
    "professional": ["placement_at_risk", "harm"],
    "family": ["urgent_care"],
    "self": ["urgent_care", "crisis_team_last_year"],
    "cetr_request": ["admission_considered"],
}


def _birth(today: dt.date, age: int) -> dt.date:
    return today.replace(year=today.year - age) - dt.timedelta(days=40)


def load(context: dict) -> dict:
    icb, users = context["icb"], context["users"]
    if Referral.objects.filter(person__icb=icb).exists():
        return context
    by = users.get("case.manager@northdale.example") or users.get("lead@northdale.example")
    teams = context.get("teams", {})
    today = get_today()
    taken = set(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    numbers = (n for n in test_range(300_000) if n not in taken)
    for first, last, age, source, channel, days_ago, stage in PLAN:
        received = today - dt.timedelta(days=days_ago)
        team = teams.get("cyp") if age < 18 else teams.get("adult")
        referral = services.record_referral(
            icb=icb,
            by=by,
            team=team,
            allow_duplicate=True,
            person_fields={
                "nhs_number": next(numbers),
                "given_name": first,
                "family_name": last,
                "date_of_birth": _birth(today, age),
                "diagnosis": "both" if age < 18 else "autistic",
                "email": f"{first.lower()}.{last.lower()}@example.org",
                "address": "1 Demo Street\nNorthdale",
                "postcode": "ND1 1AA",
            },
            received_on=received,
            source=source,
            channel=channel,
            referrer_name="" if source == "self" else "Jo Morgan",
            referrer_role={
                "professional": "Community nurse",
                "family": "Mother",
                "cetr_request": "Advocate",
            }.get(source, ""),
            referrer_email="" if source == "self" else "jo.morgan@example.org",
            reason=REASONS[source],
            triggers=TRIGGERS[source],
            person_agrees=True,
        )
        if stage == "new":
            continue
        services.acknowledge(
            referral=referral,
            by=by,
            recipients=["person"],
            method="pdf",
            sent_on=min(today, received + dt.timedelta(days=3)),
        )
        if stage == "acknowledged":
            continue
        decided = min(today, received + dt.timedelta(days=10))
        rating = {"not_eligible": "not_eligible", "closed": "amber", "disputed": "green"}.get(stage, "amber")
        if rating != "not_eligible":  # on the register only with consent (s2.4)
            give_consent(referral.person, by, min(decided, received + dt.timedelta(days=5)))
        record_rating(
            person=referral.person,
            by=by,
            rating=rating,
            decided_on=decided,
            rationale="Agreed at the multi-agency meeting with the person and their family.",
            referral_id=referral.pk,
        )
        if stage == "rated":
            continue
        services.send_outcome(
            referral=referral,
            by=by,
            recipients=["person"],
            method="pdf",
            sent_on=min(today, decided + dt.timedelta(days=1)),
            not_eligible_reason="They do not have a learning disability or autism diagnosis at the moment."
            if stage == "not_eligible"
            else "",
            signposting="Northdale Child and Adolescent Mental Health Service: 0300 000 0101\n"
            "Northdale Young Carers: 0300 000 0202"
            if stage == "not_eligible"
            else "",
        )
        if stage == "disputed":
            services.record_dispute(
                referral=referral,
                by=by,
                disputed_on=min(today, decided + dt.timedelta(days=5)),
                grounds="Their mother says the risk is higher than green: two crises this month.",
            )
    return context
