"""Background tasks (django-tasks) for referrals: emailing a letter once it is recorded.

A worker runs them (`opendsr db_worker`); until it does, an emailed letter waits as "Waiting to be emailed".
"""

from __future__ import annotations

from django_tasks import task

from opendsr.referrals import services


@task()
def send_letter(letter_pk: int) -> str:
    return services.deliver_letter(letter_pk=letter_pk)
