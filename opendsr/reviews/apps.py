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
