"""Writes for the public front door: what the DSR lead publishes (`pages`), the referrals a person or their
family send (`self_referral`), and a professional's, sent once their email address is confirmed
(`professional`)."""

from opendsr.public.services.pages import add_picture, remove_picture, save_front_door
from opendsr.public.services.professional import confirm_professional_referral, start_professional_referral
from opendsr.public.services.self_referral import new_reference, record_refusal, send_online_referral

__all__ = [
    "add_picture",
    "confirm_professional_referral",
    "new_reference",
    "record_refusal",
    "remove_picture",
    "save_front_door",
    "send_online_referral",
    "start_professional_referral",
]
