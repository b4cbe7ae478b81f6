from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "opendsr.oversight"
    label = "oversight"

    def ready(self):
        from opendsr.oversight import panels
        from opendsr.register import contributions

        # First on the person page: what the policy asks for this person, met, due and overdue.
        contributions.add_person_panel(order=10, provider=panels.person_panels)
