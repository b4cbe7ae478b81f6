"""Factories for test data. Names and NHS numbers are fictional (999 test range)."""

import datetime as dt
import itertools

import factory

from opendsr.accounts.models import Organisation, OrganisationKind, Role, Team, User
from opendsr.register.models import Diagnosis, Person, RegisterStatus
from opendsr.register.nhs_numbers import test_range

_numbers = test_range(500_000)
_counter = itertools.count(1)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"NHS Test Area {n} Integrated Care Board")
    kind = OrganisationKind.ICB


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    icb = factory.SubFactory(OrganisationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    role = Role.CASE_MANAGER
    icb = factory.SubFactory(OrganisationFactory)
    organisation = factory.SelfAttribute("icb")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    icb = factory.SubFactory(OrganisationFactory)
    nhs_number = factory.LazyFunction(lambda: next(_numbers))
    given_name = factory.Iterator(["Alex", "Jordan", "Casey", "Riley", "Morgan", "Jamie"])
    family_name = factory.LazyFunction(lambda: f"Testperson{next(_counter)}")
    date_of_birth = dt.date(1995, 6, 1)
    diagnosis = Diagnosis.AUTISTIC
    status = RegisterStatus.ACTIVE


def give_consent(person, by, on, *, given_by="person"):
    """Consent to be on the register given on `on` (s2.4), as a rating onto the register needs first. The
    person consents for themselves unless `given_by` says otherwise; notes are filled in as the rule asks."""
    from opendsr.register.services.consent import record_consent

    return record_consent(
        person=person,
        by=by,
        scope=["inclusion", "information_sharing", "cetr"],
        given_by=given_by,
        given_on=on,
        capacity_notes="They explained what the register is in their own words.",
        best_interests_record="Dr Amy Shah, consultant psychiatrist, decided after meeting the family."
        if given_by == "best_interests"
        else "",
    )
