from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "opendsr.reporting"
    label = "reporting"
