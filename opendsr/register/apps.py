from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "opendsr.register"
    label = "register"
    verbose_name = "Dynamic support register"
