"""Where a letter goes: each reader's own address, and by email only when every reader has an email address."""

import pytest

from opendsr.referrals import rules, services
from opendsr.referrals.models import Letter
from opendsr.register.models import Carer
from tests.referrals.factories import ReferralFactory

PERSON = rules.Addressee(
    "person", "Alex  Smith", "alex@example.org", address="1 High Street\n\nLeeds", postcode="ls1 1aa"
)


def test_a_letter_to_the_person_goes_to_their_home():
    assert rules.address_lines(PERSON) == ["Alex Smith", "1 High Street", "Leeds", "LS1 1AA"]


def test_a_letter_to_the_referrer_goes_to_the_referrer_not_to_the_persons_home():
    referrer = rules.Addressee("referrer", "Dr Patel", address="Oak Surgery\nBradford")
    assert rules.address_lines(referrer) == ["Dr Patel", "Oak Surgery", "Bradford"]


def test_a_postcode_already_written_in_the_address_is_not_printed_twice():
    lines = rules.address_lines(
        rules.Addressee("person", "Alex", address="1 High Street\nLS1 1AA", postcode="LS1 1AA")
    )
    assert lines == ["Alex", "1 High Street", "LS1 1AA"]


def test_email_is_chosen_only_when_every_reader_has_an_address():
    referrer = rules.Addressee("referrer", "Dr Patel", "")
    assert rules.default_method([PERSON]) == "email"
    assert rules.default_method([PERSON, referrer]) == "pdf"
    assert rules.default_method([]) == "pdf"


@pytest.mark.django_db
def test_a_printed_letter_to_the_family_never_carries_the_persons_home_address(person, case_manager):
    person.address, person.postcode = "1 High Street", "LS1 1AA"
    person.save()
    Carer.objects.create(person=person, name="Sam Smith", contact="sam@example.org")
    referral = ReferralFactory(person=person, referrer_name="Dr Patel", referrer_address="Oak Surgery")
    to_family = Letter(referral=referral, recipient="family", to_name="Sam Smith")
    to_person = Letter(referral=referral, recipient="person", to_name=person.full_name)
    to_referrer = Letter(referral=referral, recipient="referrer", to_name="Dr Patel")
    assert services.letter_address(to_family) == ["Sam Smith"]
    assert services.letter_address(to_person) == [person.full_name, "1 High Street", "LS1 1AA"]
    assert services.letter_address(to_referrer) == ["Dr Patel", "Oak Surgery"]
    assert services.recipient_address(referral, "family") == ("Sam Smith", "sam@example.org")
