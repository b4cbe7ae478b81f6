from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "opendsr.register"
    label = "register"
    verbose_name = "Dynamic support register"

    def ready(self):
        from opendsr.accounts import access, services
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
        services.on_icb_settings_changed(recompute_after_settings_change)


def recompute_after_settings_change(*, icb, changed: dict) -> None:
    """The ICB's self-consent age is one of its people's facts (s2.4; the clock's `reconsent_self`): when it
    changes, everyone on that ICB's register has their obligations worked out again."""
    from opendsr.register.models import Person
    from opendsr.register.recompute import recompute_people

    if "self_consent_age" in changed:
        recompute_people(Person.objects.filter(icb=icb).values_list("pk", flat=True))
