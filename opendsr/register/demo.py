"""Demo people for the fictional ICB: every rating, both pathways, every setting, with consent, rating decisions,
carers, admissions and C(E)TRs, dated relative to today so the work queues show a mix of overdue, due and met.

Every name is invented and every NHS number is from the 999 test range. Idempotent: a person whose NHS number is
already on the register is left alone.
"""

from __future__ import annotations

import datetime as dt
import random

from opendsr.register import queries
from opendsr.register.models import Person, RegisterStatus
from opendsr.register.nhs_numbers import test_range
from opendsr.register.services.carers import add_carer
from opendsr.register.services.consent import (
    consent_in_force,
    consent_rule_for,
    record_consent,
    record_consent_check,
)
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.services.people import create_person
from opendsr.register.services.rating import record_rating
from opendsr.register.timeline import record_event
from opendsr.web.today import today as get_today

FIRST = [
    "Amara", "Ben", "Callum", "Daisy", "Elliot", "Freya", "Gus", "Hana", "Isaac", "Jade", "Kofi", "Lily",
    "Mason", "Nia", "Oscar", "Poppy", "Quentin", "Rosa", "Sami", "Tegan", "Usman", "Vera", "Wes", "Yusuf",
    "Zara", "Arlo", "Bea", "Cian", "Dev", "Esme",
]  # fmt: skip
LAST = [
    "Ashdown", "Brookfield", "Carrow", "Dunmore", "Eastleigh", "Fairholm", "Garside", "Hollins", "Ingleby",
    "Jarrow", "Kettering", "Lindley", "Marsden", "Northam", "Oakridge", "Penrose", "Quarry", "Redfern",
    "Stainton", "Thornby", "Upton", "Varley", "Whitfield", "Yardley",
]  # fmt: skip

# (how many, rating, pathway, setting, story): each story sets out one kind of situation, dated from today.
PLAN = [
    (3, "red", "adult", "community", "red_today"),
    (3, "red", "adult", "community", "red_overdue"),
    (2, "red", "adult", "community", "red_reviewed"),
    (2, "red", "child", "community", "red_today"),
    (2, "red", "child", "urgent_care", "red_overdue"),
    (5, "amber", "adult", "community", "amber"),
    (4, "amber", "child", "community", "amber"),
    (4, "amber", "ehcp", "community", "amber"),
    (1, "amber", "adult", "urgent_care", "amber"),
    (6, "green", "adult", "community", "green_recheck"),
    (4, "green", "child", "community", "green"),
    (2, "green", "ehcp", "community", "green"),
    (2, "blue", "adult", "inpatient", "admitted_recently"),
    (2, "blue", "adult", "inpatient", "admitted_reviewed"),
    (1, "blue", "adult", "inpatient", "admitted_long_stay"),
    (2, "blue", "child", "inpatient", "admitted_recently"),
    (1, "blue", "child", "inpatient", "admitted_long_stay"),
    (1, "blue", "adult", "inpatient", "admitted_secure"),
    (5, "", "adult", "community", "referred"),
    (2, "", "child", "community", "referred"),
    (2, "green", "adult", "community", "left"),
    (1, "amber", "child", "community", "turning_16"),
]
OTHER_ICB_PEOPLE = 3


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _birth_date(rng: random.Random, today: dt.date, pathway: str) -> dt.date:
    age = {"child": rng.randint(9, 17), "ehcp": rng.randint(18, 24), "adult": rng.randint(26, 58)}[pathway]
    return today - dt.timedelta(days=age * 365 + rng.randint(20, 340))


def _answers_for(instrument, rating: str, rng: random.Random) -> dict | None:
    """Answers whose score falls in the band for `rating` (None when no band gives it)."""
    bands = [b for b in instrument.data["bands"] if b["rating"] == rating]
    if not bands:
        return None
    target = bands[0]["min"] + rng.randint(
        0, 1 if bands[0]["max"] is None else bands[0]["max"] - bands[0]["min"]
    )
    answers, remaining = {}, target
    items = list(instrument.data["items"])
    rng.shuffle(items)
    for item in items:
        options = sorted(item["options"], key=lambda o: o["weight"])
        pick = options[0]
        for option in options:
            if option["weight"] <= remaining:
                pick = option
        answers[item["id"]] = pick["id"]
        remaining -= pick["weight"]
    return answers


def give_consent(person, by, on, given_by=""):
    """Demo consent to be on the register, from whoever the consent rule for their age lets give it first."""
    record_consent(
        person=person,
        by=by,
        scope=["inclusion", "information_sharing", "cetr"],
        given_by=given_by or consent_rule_for(person, on).allowed[0],
        given_on=on,
        capacity_notes="Discussed with easy-read information; they could explain what the register is.",
    )


def _consent_first(person, by, on, consent):
    """Consent stands before a rating puts someone on the register (s2.4). Given on the story's consent date,
    or on the day of the first rating when that is earlier, and then checked on the story's date."""
    if consent is None or person.status == RegisterStatus.ACTIVE or consent_in_force(person, on):
        return
    consent_on, given_by = consent
    give_consent(person, by, min(on, consent_on), given_by)
    if consent_on > on:
        record_consent_check(person=person, by=by, checked_on=consent_on, notes="Still agrees.")


def _rate(person, by, rating, on, rng, *, reason="", consent=None):
    _consent_first(person, by, on, consent)
    instrument = queries.active_instrument(person, today=on)
    answers = _answers_for(instrument, rating, rng) if instrument is not None and rng.random() < 0.7 else None
    decision = record_rating(
        person=person,
        by=by,
        rating=rating,
        decided_on=on,
        rationale=reason or f"Agreed at the multi-agency meeting: {rating} reflects the current risk.",
        professional_judgement="Consistent with what the team and family describe.",
        person_view="Wants to stay living where they are, with the same support staff.",
        family_view="Family are worried about recent incidents and want a plan for crises.",
        instrument=instrument if answers else None,
        answers=answers,
        shared_with_person=True,
        shared_with_referrer=rng.random() < 0.6,
    )
    told = on + _days(1)
    if told <= get_today() and rng.random() < 0.8:  # most outcomes are communicated the next day
        record_event(person=person, type="outcome_communicated", date=told, by=by)
    return decision


def _admit(person, by, on, *, setting="non_secure", route="civil"):
    """An admission: the person becomes an inpatient rated blue (s4, Table 1)."""
    person.location, person.current_rating, person.rating_decided_on = "inpatient", "blue", on
    person.save(update_fields=["location", "current_rating", "rating_decided_on", "updated_at"])
    record_event(person=person, type="admitted", date=on, by=by, data={"setting": setting, "route": route})


def _story(person, story, rating, by, today, rng, lead):
    # Consent about a year ago for those whose check is now due or overdue; more recent for everyone else.
    consent_on = today - _days(rng.randint(700, 760) if story == "green_recheck" else rng.randint(20, 300))
    # A parent consented for the one turning 16 soon: they will be asked for their own consent then.
    consent = (consent_on, "parental_responsibility" if story == "turning_16" else "")
    if story == "referred":
        consent = None
    elif story == "green_recheck":  # consent given about two years ago, before everything else
        give_consent(person, by, consent_on)
    if story == "red_today":
        _rate(person, by, "amber", today - _days(120), rng, consent=consent)
        _rate(
            person,
            by,
            "red",
            today,
            rng,
            reason="Placement at risk of breaking down this week.",
            consent=consent,
        )
    elif story == "red_overdue":
        _rate(person, by, "red", today - _days(rng.randint(8, 20)), rng, consent=consent)
    elif story == "red_reviewed":
        rated = today - _days(40)
        _rate(person, by, "red", rated, rng, consent=consent)
        record_event(
            person=person, type="cetr_held", date=rated + _days(6), by=by, data={"kind": "community"}
        )
        record_event(person=person, type="keyworker_referred", date=rated + _days(2), by=by)
    elif story in ("amber", "turning_16"):
        rated = today - _days(rng.randint(5, 150))
        _rate(person, by, "amber", rated, rng, consent=consent)
        if rng.random() < 0.5:
            add_carer(
                person=person,
                by=by,
                name=f"{rng.choice(FIRST)} {person.family_name}",
                relationship=rng.choice(["Mother", "Father", "Grandparent", "Partner", "Sibling"]),
                contact="07700 900" + f"{rng.randint(100, 999)}",
                assessment_offered=rng.random() < 0.5,
            )
        if rng.random() < 0.4:
            record_event(person=person, type="mdt_held", date=rated + _days(10), by=by)
    elif story in ("green", "green_recheck"):
        if story == "green_recheck":  # consent given about a year ago: the check is due or overdue
            record_consent_check(
                person=person, by=by, checked_on=today - _days(rng.randint(340, 400)), notes="Still agrees."
            )
        _rate(person, by, "green", today - _days(rng.randint(20, 200)), rng, consent=consent)
    elif story.startswith("admitted"):
        young = person.date_of_birth > today - _days(18 * 365) or person.has_ehcp
        admitted = today - _days(
            {
                "admitted_recently": rng.randint(2, 8),
                "admitted_reviewed": 150,
                "admitted_long_stay": 200 if young else 400,  # past 6 months (CYP) or 12 months (adult): s18
                "admitted_secure": 90,
            }[story]
        )
        _rate(person, by, "red", admitted - _days(30), rng, consent=consent)
        secure = story == "admitted_secure"
        _admit(
            person,
            by,
            admitted,
            setting="secure" if secure else "non_secure",
            route="criminal_justice" if secure else "civil",
        )
        if story in ("admitted_reviewed", "admitted_long_stay"):
            record_event(
                person=person,
                type="cetr_held",
                date=admitted + _days(12),
                by=by,
                data={"kind": "post_admission"},
            )
            record_event(person=person, type="cetr_report_sent", date=admitted + _days(20), by=by)
            record_event(person=person, type="oversight_visit", date=admitted + _days(40), by=by)
    elif story == "left":
        _rate(person, by, "green", today - _days(200), rng, consent=consent)
        remove_from_register(
            person=person,
            by=lead,
            reason=rng.choice(["risk_reduced", "moved_icb"]),
            left_on=today - _days(rng.randint(10, 60)),
            new_icb_name="NHS Westmere Integrated Care Board",
            notes="Stable for over a year with the same support.",
        )


def load(context: dict) -> dict:
    icb, other_icb = context["icb"], context["other_icb"]
    teams, users = context["teams"], context["users"]
    lead = users.get("lead@northdale.example")
    adult_cm = users.get("case.manager@northdale.example") or lead
    child_cm = users.get("children.cm@northdale.example") or adult_cm
    today = get_today()
    rng = random.Random(2027)
    numbers = test_range(100_000)
    existing = set(Person.objects.filter(icb__in=[icb, other_icb]).values_list("nhs_number", flat=True))
    people = []
    index = 0
    for count, rating, pathway, setting, story in PLAN:
        for _ in range(count):
            number = next(numbers)
            first, last = FIRST[index % len(FIRST)], LAST[(index * 7) % len(LAST)]
            index += 1
            if number in existing:
                people.append(Person.objects.get(icb=icb, nhs_number=number))
                continue
            cyp = pathway in ("child", "ehcp")
            by = child_cm if cyp else adult_cm
            person = create_person(
                icb=icb,
                by=by,
                team=teams["cyp"] if cyp else teams["adult"],
                nhs_number=number,
                given_name=first,
                family_name=last,
                date_of_birth=_birth_date(rng, today, pathway)
                if story != "turning_16"
                else dt.date(today.year - 16, today.month, min(today.day, 28)) + _days(20),
                diagnosis=rng.choice(["autistic", "learning_disability", "both"]),
                sex=rng.choice(["female", "male", "female", "male", "not_stated"]),
                ethnicity=rng.choice(["A", "A", "A", "C", "H", "J", "M", "N", "D", "99"]),
                has_ehcp=pathway == "ehcp" or (pathway == "child" and rng.random() < 0.5),
                case_manager=by,
                postcode=f"ND{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
                gp_practice=rng.choice(
                    ["Riverside Surgery", "Northdale Health Centre", "Fenwick Road Practice"]
                ),
                communication_needs=rng.choice(
                    ["", "Easy read letters", "Prefers text messages", "Uses Makaton"]
                ),
                lead_professional=rng.choice(
                    ["Community learning disability nurse", "Social worker, Northdale CC"]
                ),
                has_care_plan=rng.random() < 0.8,
                has_risk_assessment=rng.random() < 0.7,
                known_to_keyworker=cyp and rng.random() < 0.5,
                location="urgent_care" if setting == "urgent_care" else "community",
                status=RegisterStatus.REFERRED,
            )
            _story(person, story, rating, by, today, rng, lead)
            people.append(person)
    for n in range(OTHER_ICB_PEOPLE):
        number = next(numbers)
        if number in existing:
            continue
        other_lead = users.get("lead@westmere.example")
        person = create_person(
            icb=other_icb,
            by=other_lead,
            team=teams.get("other"),
            nhs_number=number,
            given_name=["Harper", "Idris", "Juno"][n],
            family_name="Westmere",
            date_of_birth=today - dt.timedelta(days=(30 + n) * 365),
            diagnosis="autistic",
        )
        _rate(
            person,
            other_lead,
            ["red", "amber", "green"][n],
            today - _days(10),
            rng,
            consent=(today - _days(20), ""),
        )
    context["people"] = people
    return context
