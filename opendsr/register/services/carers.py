"""Writes about a person's carers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.register import obligations
from opendsr.register.models import (
    Carer,
    Person,
)
from opendsr.register.services.common import check_version, record_audit


def _sync_unpaid_carer(person: Person) -> None:
    has_carer = person.carers.filter(active=True).exists()
    if person.has_unpaid_carer != has_carer:
        person.has_unpaid_carer = has_carer
        person.save(update_fields=["has_unpaid_carer", "updated_at"])
        obligations.refresh_for(person)  # carer contingency planning depends on it (s9.5)


CARER_FIELDS = frozenset(
    {
        "name",
        "relationship",
        "contact",
        "assessment_offered",
        "assessment_offered_on",
        "contingency_plan",
        "active",
    }
)


@transaction.atomic
def add_carer(*, person: Person, by, request=None, **fields) -> Carer:
    unknown = set(fields) - CARER_FIELDS
    if unknown:
        raise TypeError(f"not a carer field: {', '.join(sorted(unknown))}")
    if not (fields.get("name") or "").strip():
        raise ValidationError({"name": "Enter the carer's name"})
    carer = Carer.objects.create(person=person, **fields)
    _sync_unpaid_carer(person)
    record_audit(by, "carer.added", person=person, summary=f"Added carer {carer.name}", request=request)
    return carer


@transaction.atomic
def update_carer(*, carer: Carer, by, version: int | None = None, request=None, **changes) -> list[str]:
    """Change a carer's details; `version` as for `update_person`."""
    unknown = set(changes) - CARER_FIELDS
    if unknown:
        raise TypeError(f"not a carer field: {', '.join(sorted(unknown))}")
    if "name" in changes and not (changes["name"] or "").strip():
        raise ValidationError({"name": "Enter the carer's name"})
    changes = check_version(Carer, carer, version, changes)
    changed = [name for name, value in changes.items() if getattr(carer, name) != value]
    for name in changed:
        setattr(carer, name, changes[name])
    if not changed:
        return []
    carer.version += 1
    carer.save()
    _sync_unpaid_carer(carer.person)
    record_audit(
        by,
        "carer.updated",
        person=carer.person,
        summary=f"Changed carer {carer.name}",
        detail={"fields": changed},
        request=request,
    )
    return changed


# ------------------------------------------------------------------------------------------ instruments
