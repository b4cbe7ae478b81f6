from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "opendsr.meetings"
    label = "meetings"
    verbose_name = "Multi-agency DSR meetings and escalation"

    def ready(self):
        from opendsr.meetings import tasks, work
        from opendsr.register import contributions

        # Actions agreed at a DSR meeting are in their owner's "My work" until they are done.
        contributions.add_work_source(work.meeting_action_items)
        # Escalations not yet closed, in the work of the manager they are with (and the DSR lead's).
        contributions.add_work_source(work.escalation_items)
        # The escalation run goes in the nightly queue, after the recompute, so it reads fresh obligations.
        contributions.add_nightly_task("the escalation run", tasks.nightly_escalations)
        # A rating confirmed at a meeting shows in the person's rating history: reviewed, not changed.
        contributions.add_rating_reviews(work.confirmed_ratings)
