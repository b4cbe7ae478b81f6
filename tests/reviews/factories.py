import datetime as dt

import factory

from opendsr.reviews.models import PanelMember, Review
from tests.factories import OrganisationFactory, PersonFactory


class PanelMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMember

    icb = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Panel Member {n}")
    role = "clinical_expert"
    induction_trained_on = dt.date(2026, 6, 1)
    specialisms = factory.LazyFunction(lambda: ["autism", "children"])


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    person = factory.SubFactory(PersonFactory)
    kind = "community"
    pathway = "ctr"
    scheduled_for = dt.date(2027, 3, 1)
    venue = "Northdale Resource Centre"
