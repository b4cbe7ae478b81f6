from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "opendsr.oversight"
    label = "oversight"

    def ready(self):
        from opendsr.oversight import consent_work, panels
        from opendsr.oversight.ics_panel import panels as ics_panel_panels
        from opendsr.oversight.ics_panel import work as ics_panel_work
        from opendsr.oversight.visits import panels as visit_panels
        from opendsr.oversight.visits import work as visit_work
        from opendsr.register import contributions

        # First on the person page: what the policy asks for this person, met, due and overdue.
        contributions.add_person_panel(order=10, provider=panels.person_panels)
        # Visits, escalation requests and complaints, after the C(E)TRs.
        contributions.add_person_panel(order=35, provider=visit_panels.person_panels)
        contributions.add_work_source(visit_work.visit_action_items)  # actions from oversight visits
        # Then the ICS oversight panel's meetings, decisions and actions for this person (s18)
        contributions.add_person_panel(order=40, provider=ics_panel_panels.person_panels)
        # The ICS oversight panel's actions, in their owners' work (s18)
        contributions.add_work_source(ics_panel_work.panel_action_items)
        # The date to ask again after consent to be on the register was not given (s2.4.3)
        contributions.add_work_source(consent_work.ask_again_items)
