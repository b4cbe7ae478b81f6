from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "opendsr.register"
    label = "register"
    verbose_name = "Dynamic support register"

    def ready(self):
        from opendsr.accounts import access
        from opendsr.accounts.models import Role
        from opendsr.policy import Kind
        from opendsr.register.models import Person

        access.register_people(lambda: Person.objects.all())

        def oversight_cohort(user, people):
            """The ICS oversight panel sees the people the clock says are due a panel review."""
            return people.filter(
                obligations__kind=Kind.OVERSIGHT_PANEL_REVIEW, obligations__is_open=True
            ).distinct()

        access.register_role_rule(Role.OVERSIGHT_PANEL, oversight_cohort)
