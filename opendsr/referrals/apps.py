from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "opendsr.referrals"
    label = "referrals"

    def ready(self):
        from opendsr.referrals import panels, work
        from opendsr.register import contributions

        contributions.add_person_panel(order=20, provider=panels.person_panels)  # referrals and letters
        contributions.add_work_source(work.dispute_items)  # disputes waiting for an outcome
