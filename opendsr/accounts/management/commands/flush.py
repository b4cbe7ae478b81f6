"""`flush` as Django has it, except that on SQLite the audit trail's triggers are lifted while the database is
emptied (SQLite empties a table with DELETE, which the triggers refuse) and put back afterwards."""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

from opendsr.accounts import append_only


class Command(DjangoFlush):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        append_only.remove(connection)
        try:
            return super().handle(**options)
        finally:
            append_only.install(connection)
