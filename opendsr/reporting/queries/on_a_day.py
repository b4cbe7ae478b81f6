"""The register on a day: who was on it at the end of a day, by each grouping Appendix 9 and the regional return
ask for (rating, pathway, age, sex, ethnic group, diagnosis, where they are)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import CharField
from django.db.models.functions import Cast

from opendsr.policy import Pathway, age_on, pathway_on
from opendsr.register.models import (
    Diagnosis,
    Location,
    Person,
    Rating,
    RegisterStatus,
    Sex,
)
from opendsr.reporting import measures as m
from opendsr.reporting.queries.reading import as_date, raw_rows

AGE_BANDS = [
    ("Under 14", 13),
    ("14 to 17", 17),
    ("18 to 24", 24),
    ("25 to 34", 34),
    ("35 to 49", 49),
    ("50 to 64", 64),
    ("65 and over", None),
]
# NHS Data Dictionary ethnic category: the five groups, with not stated and not known.
ETHNIC_GROUPS = [
    ("White", "ABC"),
    ("Mixed or multiple ethnic groups", "DEFG"),
    ("Asian or Asian British", "HJKL"),
    ("Black or Black British", "MNP"),
    ("Other ethnic groups", "RS"),
    ("Not stated", "Z"),
    ("Not known", "9"),
]


def _age_band(age: int) -> str:
    return next(label for label, upper in AGE_BANDS if upper is None or age <= upper)


def _ethnic_group(code: str) -> str:
    return next(label for label, codes in ETHNIC_GROUPS if code[:1] in codes)


def counts_on(
    icb_id: int, day: dt.date, register: m.Register, today: dt.date
) -> dict[str, list[tuple[str, int]]]:
    """People on the register at the end of `day`, by each grouping Appendix 9 and the regional return ask for.

    Who was on the register, with which rating, and who was in hospital are read from the timeline up to `day`
    (`measures.standing_on`), so the figures for a past month stay as they were when later-dated events are
    recorded. Sex, ethnic group, diagnosis, EHCP and tier 4 are as recorded now (corrections, not dated events);
    age and pathway are worked out for `day`. Waiting in urgent and emergency care is not a dated event, so it
    shows only in today's figures. Someone added from an earlier register without a dated rating counts from
    the day they were added to OpenDSR, with the rating and place recorded for them."""
    # Dates as ISO text (the driver's conversion of every row's dates takes longer than the counting).
    people = (
        Person.objects.filter(icb_id=icb_id)
        .annotate(created=Cast("created_at", CharField()), born=Cast("date_of_birth", CharField()))
        .values_list(
            "id",
            "status",
            "created",
            "current_rating",
            "location",
            "born",
            "has_ehcp",
            "in_cyp_tier4",
            "sex",
            "ethnicity",
            "diagnosis",
        )
    )
    # What is counted of each person on the register that day, a column each, counted at once at the end.
    ratings: list[str] = []
    settings: list[str] = []
    births: list[tuple] = []  # (date of birth, EHCP, tier 4): age and pathway depend on these alone
    sexes: list[str] = []
    ethnicities: list[str] = []
    diagnoses: list[str] = []
    by_person, standing_on = register.by_person, m.standing_on
    inpatient, urgent_care, community = Location.INPATIENT, Location.URGENT_CARE, Location.COMMUNITY
    no_events: tuple = ()
    for (
        pk,
        status,
        created,
        rating_now,
        location_now,
        born,
        ehcp,
        tier4,
        sex,
        ethnicity,
        diagnosis,
    ) in raw_rows(people.order_by()):
        on, rating, in_hospital, dated = standing_on(by_person.get(pk, no_events), day)
        if not dated:  # nothing dated: on the register from the day they were added, with the rating recorded
            on = status == RegisterStatus.ACTIVE and as_date(created) <= day
            if in_hospital is None:
                rating = rating_now
        if not on:
            continue
        if in_hospital:
            settings.append(inpatient)
        elif in_hospital is None and location_now == inpatient:
            settings.append(inpatient)  # in hospital, undated (added from an earlier register)
        elif location_now == urgent_care and day >= today:
            settings.append(urgent_care)
        else:
            settings.append(community)
        ratings.append(rating)
        births.append((born, bool(ehcp), bool(tier4)))
        sexes.append(sex)
        ethnicities.append(ethnicity)
        diagnoses.append(diagnosis)
    tallies: dict[str, Counter] = {key: Counter() for key, _ in BREAKDOWNS}
    for key, column in (("rating", ratings), ("setting", settings), ("sex", sexes), ("diagnosis", diagnoses)):
        tallies[key].update(column)
    ethnic_codes = Counter((ethnicity or "99")[:1] for ethnicity in ethnicities)
    for (born, ehcp, tier4), number in Counter(births).items():
        born = as_date(born)
        tallies["pathway"][pathway_on(born, day, has_ehcp=ehcp, in_cyp_tier4=tier4)] += number
        tallies["age"][_age_band(age_on(born, day))] += number
    for code, number in ethnic_codes.items():
        tallies["ethnicity"][_ethnic_group(code)] += number
    groups = {
        "rating": [(label, value) for value, label in Rating.choices] + [("Not yet rated", "")],
        "pathway": [("Children and young people", Pathway.CYP), ("Adults", Pathway.ADULT)],
        "age": [(label, label) for label, _ in AGE_BANDS],
        "sex": [(label, value) for value, label in Sex.choices],
        "ethnicity": [(label, label) for label, _ in ETHNIC_GROUPS],
        "diagnosis": [(label, value) for value, label in Diagnosis.choices],
        "setting": [(label, value) for value, label in Location.choices],
    }
    return {
        key: [(label, tallies[key].get(value, 0)) for label, value in groups[key]] for key, _ in BREAKDOWNS
    }


BREAKDOWNS = [
    ("rating", "By rating"),
    ("pathway", "By pathway"),
    ("age", "By age"),
    ("sex", "By sex"),
    ("ethnicity", "By ethnic group (NHS Data Dictionary)"),
    ("diagnosis", "By diagnosis"),
    ("setting", "By where they are"),
]
