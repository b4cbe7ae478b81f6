"""Store the shipped default instruments (adult and child) so the first stratification can use them."""

from django.db import migrations


def seed(apps, schema_editor):
    from opendsr.policy.instruments import load_default_instruments

    InstrumentVersion = apps.get_model("register", "InstrumentVersion")
    for data in load_default_instruments():
        InstrumentVersion.objects.get_or_create(
            icb=None,
            slug=data["slug"],
            version=1,
            defaults={"name": data["name"], "population": data["population"], "data": data, "active": True},
        )


class Migration(migrations.Migration):
    dependencies = [("register", "0002_ratings_consent_instruments_exits")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
