"""The register's reads: the pathway filter agrees with the policy core, and ratings show as the right tags."""

import datetime as dt

import pytest

from opendsr.policy import Pathway, pathway_on
from opendsr.register.models import Person
from opendsr.register.queries import cyp_pathway, rating_tag


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
        for ehcp in (False, True):
            make_person(date_of_birth=born, has_ehcp=ehcp)
    cyp = set(Person.objects.filter(cyp_pathway(on)).values_list("pk", flat=True))
    for person in Person.objects.all():
        expected = pathway_on(person.date_of_birth, on, has_ehcp=person.has_ehcp) is Pathway.CYP
        assert (person.pk in cyp) == expected, (person.date_of_birth, person.has_ehcp, on)


def test_rating_tags_use_the_rating_colours():
    assert rating_tag("red").classes == "nhsuk-tag--red"
    assert rating_tag("amber").text == "Amber"
    assert rating_tag("blue").classes == "nhsuk-tag--blue"
    assert rating_tag("").text == "Not rated"
