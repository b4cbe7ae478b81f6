from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opendsr.accounts"
    label = "accounts"
