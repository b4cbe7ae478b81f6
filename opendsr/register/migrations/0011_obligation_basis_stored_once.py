"""Each obligation names its basis (the policy it comes from, in words) instead of repeating the text: a few
dozen texts are shared by every obligation. The person's own index goes too: (person, is_open) finds them."""

import django.db.models.deletion
from django.db import migrations, models


def store_each_text_once(apps, schema_editor):
    """Every text in use becomes one ObligationBasis; each obligation points at its own."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO register_obligationbasis (text) SELECT DISTINCT basis FROM register_obligation"
        )
        cursor.execute(
            "UPDATE register_obligation SET basis_id = (SELECT b.id FROM register_obligationbasis b "
            "WHERE b.text = register_obligation.basis)"
        )


def put_texts_back(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE register_obligation SET basis = (SELECT b.text FROM register_obligationbasis b "
            "WHERE b.id = register_obligation.basis_id)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0010_count_open_obligations_from_an_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="ObligationBasis",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.CharField(max_length=300, unique=True)),
            ],
        ),
        migrations.AddField(
            model_name="obligation",
            name="basis_ref",
            field=models.ForeignKey(
                db_column="basis_id",
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="register.obligationbasis",
            ),
        ),
        migrations.RunPython(store_each_text_once, put_texts_back),
        migrations.RemoveField(
            model_name="obligation",
            name="basis",
        ),
        migrations.AlterField(
            model_name="obligation",
            name="basis_ref",
            field=models.ForeignKey(
                db_column="basis_id",
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="register.obligationbasis",
            ),
        ),
        migrations.AlterField(
            model_name="obligation",
            name="person",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="obligations",
                to="register.person",
            ),
        ),
    ]
