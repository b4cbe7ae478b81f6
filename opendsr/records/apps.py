from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "opendsr.records"
    label = "records"
    verbose_name = "One record per person: merging duplicates and moving people between ICBs"

    def ready(self):
        from opendsr.records import panels, work
        from opendsr.register import contributions

        contributions.add_person_panel(
            order=5, provider=panels.person_panels
        )  # duplicates, merges, transfers
        contributions.add_person_panel(
            order=6, provider=panels.different_people_panels
        )  # look-alike records marked as different people
        contributions.add_work_source(work.incoming_transfer_items)  # moves from another ICB to answer
