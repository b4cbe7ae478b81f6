from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "opendsr.imports"
    label = "imports"
    verbose_name = "Importing a register from a spreadsheet"
