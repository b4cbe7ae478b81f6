from django.apps import AppConfig


class InpatientsConfig(AppConfig):
    name = "opendsr.inpatients"
    label = "inpatients"
    verbose_name = "Inpatient record"

    def ready(self):
        from opendsr.inpatients import panels
        from opendsr.register import contributions

        contributions.add_person_panel(order=15, provider=panels.person_panels)  # the inpatient record
