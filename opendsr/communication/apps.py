from django.apps import AppConfig


class CommunicationConfig(AppConfig):
    name = "opendsr.communication"
    label = "communication"
    verbose_name = "Communication"

    def ready(self):
        from opendsr.communication import panels
        from opendsr.register import contributions

        contributions.add_person_panel(order=25, provider=panels.person_panels)  # needs and the log
