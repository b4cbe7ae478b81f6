"""The register's demo data: a realistic mix, safe to load twice."""

from collections import Counter

import pytest

from opendsr.accounts import demo as accounts_demo
from opendsr.register import demo
from opendsr.register.models import Obligation, Person, RatingDecision
from opendsr.register.obligations import status_of

pytestmark = pytest.mark.django_db


def test_demo_people_cover_the_register_and_load_once(today):
    context = accounts_demo.load()
    demo.load(context)
    people = Person.objects.filter(icb=context["icb"])
    assert 55 <= people.count() <= 65
    ratings = Counter(people.values_list("current_rating", flat=True))
    assert all(ratings[r] >= 4 for r in ("red", "amber", "green", "blue"))
    assert set(people.values_list("location", flat=True)) == {"community", "urgent_care", "inpatient"}
    assert set(people.values_list("status", flat=True)) == {"active", "referred", "left"}
    assert people.filter(has_ehcp=True, date_of_birth__lt=today.replace(year=today.year - 18)).exists()
    assert all(p.timeline.filter(type="admitted").exists() for p in people.filter(location="inpatient"))
    statuses = Counter(
        status_of(o.due, o.met_on, today).value for o in Obligation.objects.filter(person__icb=context["icb"])
    )
    assert statuses["overdue"] and statuses["due"] and statuses["met"]
    assert Person.objects.filter(icb=context["other_icb"]).count() == 3
    # A parent consented for someone who turns 16 soon: they are to be asked for their own consent then.
    assert Obligation.objects.filter(
        person__icb=context["icb"],
        kind="reconsent_self",
        is_open=True,
        due__gt=today,
        due__lte=today.replace(month=4),
    ).exists()
    assert len(context["people"]) == people.count()

    decisions = RatingDecision.objects.count()
    demo.load(accounts_demo.load())
    assert Person.objects.filter(icb=context["icb"]).count() == people.count()
    assert RatingDecision.objects.count() == decisions
