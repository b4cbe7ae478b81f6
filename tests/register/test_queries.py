"""The register's reads: the pathway filter agrees with the policy core, and ratings show as the right tags."""

import datetime as dt

import pytest

from opendsr.policy import Pathway, pathway_on
from opendsr.register.models import Person
from opendsr.register.queries import pathway_filter


@pytest.mark.django_db
@pytest.mark.parametrize(
    "on", [dt.date(2027, 3, 1), dt.date(2028, 2, 29), dt.date(2027, 2, 28), dt.date(2027, 12, 31)]
)
def test_the_pathway_filter_agrees_with_the_policy_core(make_person, on):
    births = set()
    for years in (16, 18, 24, 25, 30):
        for anchor in (on, dt.date(on.year, 2, 28), dt.date(on.year, 3, 1)):
            for shift in (-1, 0, 1):
                try:
                    day = anchor.replace(year=anchor.year - years)
                except ValueError:
                    day = anchor.replace(year=anchor.year - years, day=28)
                births.add(day + dt.timedelta(days=shift))
    births.add(dt.date(2004, 2, 29))
    births.add(dt.date(2008, 2, 29))
    for born in sorted(births):
        for ehcp, tier4 in ((False, False), (True, False), (False, True)):
            make_person(date_of_birth=born, has_ehcp=ehcp, in_cyp_tier4=tier4)
    cyp = set(Person.objects.filter(pathway_filter(Pathway.CYP, on)).values_list("pk", flat=True))
    adult = set(Person.objects.filter(pathway_filter("adult", on)).values_list("pk", flat=True))
    assert not cyp & adult
    for person in Person.objects.all():
        expected = pathway_on(
            person.date_of_birth, on, has_ehcp=person.has_ehcp, in_cyp_tier4=person.in_cyp_tier4
        )
        found = Pathway.CYP if person.pk in cyp else Pathway.ADULT if person.pk in adult else None
        assert found is expected, (person.date_of_birth, person.has_ehcp, person.in_cyp_tier4, on)


@pytest.mark.django_db
def test_the_pathway_filter_turns_adult_on_the_18th_and_25th_birthdays(make_person):
    on = dt.date(2027, 3, 1)
    turning_18 = make_person(date_of_birth=dt.date(2009, 3, 1), given_name="Eighteen")
    still_17 = make_person(date_of_birth=dt.date(2009, 3, 2), given_name="Seventeen")
    plan_turning_25 = make_person(date_of_birth=dt.date(2002, 3, 1), has_ehcp=True, given_name="Twentyfive")
    plan_still_24 = make_person(date_of_birth=dt.date(2002, 3, 2), has_ehcp=True, given_name="Twentyfour")
    leap_born = make_person(date_of_birth=dt.date(2008, 2, 29), given_name="Leap")  # 18 on 1 March 2026
    cyp = {p.given_name for p in Person.objects.filter(pathway_filter(Pathway.CYP, on))}
    assert cyp == {still_17.given_name, plan_still_24.given_name}
    adult = {p.given_name for p in Person.objects.filter(pathway_filter(Pathway.ADULT, on))}
    assert adult == {turning_18.given_name, plan_turning_25.given_name, leap_born.given_name}
