from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "opendsr.api"
    label = "api"
    verbose_name = "The API and personal API tokens"
