import datetime as dt

import factory

from opendsr.referrals.models import Channel, Referral, Source
from tests.factories import PersonFactory


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    person = factory.SubFactory(PersonFactory)
    received_on = dt.date(2027, 2, 25)
    source = Source.PROFESSIONAL
    channel = Channel.IN_APP
    referrer_name = "Priya Nurse"
    referrer_role = "Community nurse"
    referrer_email = "priya.nurse@example.org"
    reason = "Placement at risk of breaking down after several incidents."
