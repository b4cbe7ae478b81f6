from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "opendsr.oversight"
    label = "oversight"
