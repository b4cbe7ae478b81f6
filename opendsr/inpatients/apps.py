from django.apps import AppConfig


class InpatientsConfig(AppConfig):
    name = "opendsr.inpatients"
    label = "inpatients"
    verbose_name = "Inpatient record"

    def ready(self):
        from opendsr.accounts import access
        from opendsr.inpatients import panels, queries
        from opendsr.register import contributions

        contributions.add_person_panel(order=15, provider=panels.person_panels)  # the inpatient record
        # s14.4: who was in long-term segregation, for the regional lead's list (access.region_people_in_segregation)
        access.register_segregation(queries.people_in_segregation)
