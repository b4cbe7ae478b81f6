from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "opendsr.reviews"
    label = "reviews"

    def ready(self):
        from opendsr.accounts import access
        from opendsr.accounts.models import Role
        from opendsr.register import contributions
        from opendsr.reviews import panels, work
        from opendsr.reviews.access import people_on_my_panels

        access.register_role_rule(Role.PANEL_MEMBER, people_on_my_panels)
        contributions.add_person_panel(order=30, provider=panels.person_panels)  # C(E)TRs, requests, actions
        contributions.add_person_panel(order=31, provider=panels.laep_panels)  # LAEP meetings
        contributions.add_work_source(work.review_action_items)  # C(E)TR actions due or overdue
        contributions.add_work_source(
            work.request_items
        )  # requests and appeals waiting for a decision (s13.2)
        contributions.add_work_source(work.ask_again_items)  # the date to ask again after a declined C(E)TR
