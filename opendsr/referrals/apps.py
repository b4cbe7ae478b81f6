from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "opendsr.referrals"
    label = "referrals"

    def ready(self):
        from opendsr.referrals import panels
        from opendsr.register import contributions

        contributions.add_person_panel(order=20, provider=panels.person_panels)  # referrals and letters
