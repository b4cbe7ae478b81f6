"""The demo ICB's public pages, shown, and one referral a mother sent online about her son. Safe to run twice."""

from __future__ import annotations

import datetime as dt

from opendsr.public.forms import DEFAULT_CRITERIA
from opendsr.public.models import FrontDoor, OnlineReferral
from opendsr.public.services import save_front_door, send_online_referral
from opendsr.web.today import today as get_today


def load(context: dict) -> dict:
    icb = context["icb"]
    lead = context["users"].get("lead@northdale.example")
    if not FrontDoor.objects.filter(icb=icb).exists():
        save_front_door(
            icb=icb,
            by=lead,
            service_name="Northdale Dynamic Support Register team",
            phone="0300 000 0300",
            email="dsr.northdale@example.org",
            hours="Monday to Friday, 9am to 5pm",
            criteria=DEFAULT_CRITERIA,
            published=True,
        )
    front_door = FrontDoor.objects.get(icb=icb)
    if not OnlineReferral.objects.filter(referral__person__icb=icb).exists():
        send_online_referral(
            front_door=front_door,
            answers={
                "who": "family",
                "referrer_name": "Grace Adeyemi",
                "relationship": "Mother",
                "referrer_phone": "07700 900123",
                "referrer_email": "",
                "given_name": "Daniel",
                "family_name": "Adeyemi",
                "date_of_birth": get_today() - dt.timedelta(days=365 * 16 + 40),
                "diagnosis": "autistic",
                "address": "4 Mill Lane\nNorthdale",
                "postcode": "ND2 3BB",
                "nhs_number": "",
                "phone": "",
                "email": "",
                "preferred": "through_me",
                "worries": "Daniel has stopped going to school and hit his brother twice this week. "
                "We called the crisis line on Sunday. I am frightened he will be sent to hospital.",
                "signs": ["harm", "placement_at_risk"],
                "agrees": "yes",
                "needs": ["easy_read", "someone_with"],
                "language": "",
                "other_needs": "Short sentences. He likes to talk while walking.",
            },
        )
    return context
