"""Adding and renaming a team."""

from __future__ import annotations

from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import Organisation, Team, User
from opendsr.accounts.services.common import AccountError, _same_icb


@transaction.atomic
def add_team(*, by: User, name: str, organisation: Organisation | None = None, request=None) -> Team:
    _same_icb(by, organisation)
    name = name.strip()
    if Team.objects.filter(icb_id=by.icb_id, name__iexact=name).exists():
        raise AccountError("There is already a team with this name")
    team = Team.objects.create(name=name, icb=by.icb, organisation=organisation)
    audit.record(
        by, "team.added", request=request, summary=f"Added the team {name}", detail={"team_id": team.pk}
    )
    return team


@transaction.atomic
def rename_team(
    *, by: User, team: Team, name: str, organisation: Organisation | None = None, request=None
) -> Team:
    _same_icb(by, team, organisation)
    name = name.strip()
    if Team.objects.filter(icb_id=by.icb_id, name__iexact=name).exclude(pk=team.pk).exists():
        raise AccountError("There is already a team with this name")
    before = team.name
    team.name = name
    team.organisation = organisation
    team.save()
    audit.record(
        by,
        "team.changed",
        request=request,
        summary=f"Renamed the team {before} to {name}" if before != name else f"Changed the team {name}",
        detail={"team_id": team.pk, "before": before},
    )
    return team
