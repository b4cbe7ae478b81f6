from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "opendsr.referrals"
    label = "referrals"
