"""Background tasks (django-tasks) for imports: a large spreadsheet is imported by a worker (`opendsr
db_worker`) while the progress page refreshes; a small one is imported at once."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_tasks import task

from opendsr.imports import services
from opendsr.imports.models import RegisterImport

IN_THE_REQUEST = 100  # people: up to this many are imported while the user waits, more in the background


@task()
def run_import(register_import_pk: int) -> str:
    return services.run(register_import_pk).status


def run_or_queue(register_import: RegisterImport) -> RegisterImport:
    limit = getattr(settings, "OPENDSR_IMPORT_IN_REQUEST", IN_THE_REQUEST)
    if register_import.total <= limit:
        return services.run(register_import.pk)
    pk = register_import.pk
    transaction.on_commit(lambda: run_import.enqueue(pk))
    return register_import
