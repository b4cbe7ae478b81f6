from django.db import migrations

from opendsr.accounts import append_only


def add_triggers(apps, schema_editor):
    append_only.install(schema_editor.connection)


def remove_triggers(apps, schema_editor):
    append_only.remove(schema_editor.connection)


class Migration(migrations.Migration):
    """The database refuses UPDATE and DELETE on the audit trail (PostgreSQL and SQLite triggers)."""

    dependencies = [
        ("accounts", "0002_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="auditevent",
            options={"base_manager_name": "objects", "ordering": ["-at", "-id"]},
        ),
        migrations.RunPython(add_triggers, remove_triggers),
    ]
