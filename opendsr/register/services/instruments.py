"""Writes about the risk stratification instruments an ICB uses."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q

from opendsr.policy import validate_instrument
from opendsr.policy.instruments import describe_problem
from opendsr.register.models import (
    InstrumentVersion,
)
from opendsr.register.services.common import record_audit


def saved_instrument(instrument: InstrumentVersion) -> InstrumentVersion:
    """The stored row for an instrument: the shipped defaults are stored the first time they are used."""
    if instrument.pk is not None:
        return instrument
    stored, _ = InstrumentVersion.objects.get_or_create(
        icb=instrument.icb,
        slug=instrument.slug,
        version=instrument.version,
        defaults={
            "name": instrument.name,
            "population": instrument.population,
            "data": instrument.data,
            "active": instrument.active,
        },
    )
    return stored


@transaction.atomic
def add_instrument_version(*, icb, by, data, request=None) -> InstrumentVersion:
    """A new version of an instrument for one ICB. It becomes the active one for its population; older
    versions stay, so earlier decisions keep the version they were scored with."""
    problems = validate_instrument(data)
    if problems:
        raise ValidationError({"data": [describe_problem(problem) for problem in problems]})
    slug = str(data["slug"])
    latest = InstrumentVersion.objects.filter(Q(icb=icb) | Q(icb__isnull=True), slug=slug).aggregate(
        Max("version")
    )["version__max"]
    for previous in InstrumentVersion.objects.filter(icb=icb, population=data["population"], active=True):
        previous.active = False
        previous.save(update_fields=["active"])  # one save each, so each version's history keeps the change
    instrument = InstrumentVersion.objects.create(
        icb=icb,
        slug=slug,
        name=str(data["name"])[:200],
        version=(latest or 0) + 1,
        population=data["population"],
        data=data,
        created_by=by,
        active=True,
    )
    record_audit(
        by,
        "instrument.added",
        summary=f"Added {instrument.name} version {instrument.version}",
        detail={"instrument": instrument.pk},
        request=request,
    )
    return instrument


# ------------------------------------------------------------------------------------ risk stratification
