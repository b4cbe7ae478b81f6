"""The records part of a person's page: a warning when another record may be the same person (checked whenever
the page is shown, so also just after an edit), where a merged-away record went, and a move to another ICB."""

from __future__ import annotations

from django.template.loader import render_to_string

from opendsr.accounts import access
from opendsr.records import queries
from opendsr.records.services.merging import in_force_merge_of
from opendsr.register.models import RegisterStatus


def person_panels(request, person) -> list[str]:
    user = request.user
    merged_into = in_force_merge_of(person)
    kept = [m for m in queries.merges_of(person) if m.in_force and m.survivor_id == person.pk]
    duplicates = [] if merged_into else queries.duplicates_of(user, person)
    pending = queries.transfer_of(person)
    can_move = person.status != RegisterStatus.LEFT and merged_into is None and pending is None
    package = queries.package_of(person)
    moved_away = person.status == RegisterStatus.LEFT and queries.left_as_moved(person)
    can_package = (can_move or moved_away) and merged_into is None and package is None
    links = {
        "check": access.link(user, "records:person_duplicates", person.pk) if merged_into is None else None,
        "move": access.link(user, "records:propose_transfer", person.pk) if can_move else None,
        "transfer": access.link(user, "records:transfer", pending.pk) if pending else None,
        "make_package": access.link(user, "records:make_package", person.pk) if can_package else None,
        "package_url": access.link(user, "records:package", package.pk) if package else None,
    }
    if not (merged_into or kept or duplicates or pending or package or any(links.values())):
        return []
    survivor_visible = (
        merged_into is not None and access.people_for(user).filter(pk=merged_into.survivor_id).exists()
    )
    html = render_to_string(
        "records/panel.jinja",
        {
            "person": person,
            "merged_into": merged_into,
            "survivor_url": access.link(user, "register:detail", merged_into.survivor_id)
            if survivor_visible
            else None,
            "kept": [(m, access.link(user, "records:merge_detail", m.pk)) for m in kept],
            "merge_url": access.link(user, "records:merge_detail", merged_into.pk) if merged_into else None,
            "duplicates": [
                (pair, access.link(user, "records:merge", person.pk, pair.second.pk))
                for pair in duplicates[:5]
            ],
            "more_duplicates": max(len(duplicates) - 5, 0),
            "pending": pending,
            "package": package,
            **links,
        },
        request,
    )
    return [html]
