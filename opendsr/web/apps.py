from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "opendsr.web"
    label = "web"
