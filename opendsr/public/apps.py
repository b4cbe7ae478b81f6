from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "opendsr.public"
    label = "public"
    verbose_name = "The public front door"
