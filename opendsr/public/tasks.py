"""Background tasks (django-tasks) for the public front door: emailing a professional the link that confirms
their address, once their referral is committed."""

from __future__ import annotations

from django_tasks import task

from opendsr.public.services import professional


@task()
def send_confirmation_link(pending_pk: int, site: str) -> str:
    return professional.email_link(pending_pk=pending_pk, site=site)
