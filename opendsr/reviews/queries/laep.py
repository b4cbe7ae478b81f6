"""Reads for local area emergency protocol (LAEP) meetings."""

from __future__ import annotations

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.register.models import Person
from opendsr.reviews.models import Laep, LaepOption, LaepParticipant


def laeps_for(user, person: Person) -> list[Laep]:
    """The LAEP meetings held for a person, newest first, for a user who may read their whole record."""
    if not access.allowed(user, Action.VIEW_RECORD):
        return []
    return list(Laep.objects.filter(person=person).order_by("-held_on", "-pk"))


def laep_page(laep: Laep) -> dict:
    """What a LAEP meeting's page shows beyond the record: who took part, the options and preferences in words,
    and the record's changes (its history)."""
    participants, options = dict(LaepParticipant.choices), dict(LaepOption.choices)
    changes = [
        {
            "when": row.history_date,
            "who": row.history_user.get_full_name() if row.history_user else "",
            "what": "Recorded" if row.history_type == "+" else "Changed",
        }
        for row in laep.history.select_related("history_user").order_by("history_date", "history_id")
    ]
    return {
        "attended": [participants[p] for p in laep.attended if p in participants],
        "considered": [options[o] for o in laep.options_considered if o in options],
        "preferences": [options.get(p, p) for p in laep.preferences],
        "out_of_area": bool(laep.out_of_area_approved_by),
        "changes": changes,
    }
