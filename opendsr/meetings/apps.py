from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "opendsr.meetings"
    label = "meetings"
    verbose_name = "Multi-agency DSR meetings and escalation"

    def ready(self):
        from opendsr.meetings import work
        from opendsr.register import contributions

        # Actions agreed at a DSR meeting are in their owner's "My work" until they are done.
        contributions.add_work_source(work.meeting_action_items)
