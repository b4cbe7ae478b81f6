from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "opendsr.reporting"
    label = "reporting"

    def ready(self):
        from opendsr.register import contributions
        from opendsr.reporting import tasks

        contributions.add_nightly_task("the monthly return", tasks.monthly_returns)
