"""The records parts of a person's page: a warning when another record may be the same person (checked whenever
the page is shown, so also just after an edit), where a merged-away record went, and a move to another ICB; and the
look-alike records already checked and marked as different people."""

from __future__ import annotations

from django.template.loader import render_to_string

from opendsr.accounts import access, audit
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


def different_people_panels(request, person) -> list[str]:
    """The marks in force saying a look-alike record is a different person, so that whoever reads the record knows
    the likeness was checked. The other record is named, and linked, only for a user who may see it; its name and
    NHS number on this page are a view of that record too, and audited as one."""
    user = request.user
    marks = queries.marks_on(user, person)
    if not marks:
        return []
    rows = []
    for mark in marks:
        other = mark.other
        if other is not None:
            audit.viewed(
                request,
                f"{person.full_name}'s record, marked as a different person from this one",
                person=other,
            )
        rows.append(
            {
                "name": other.full_name if other else None,
                "nhs_number": other.nhs_number if other else None,
                "url": access.link(user, "register:detail", other.pk) if other else None,
                "in_another_team": mark.in_another_team,
                "marked_on": mark.marked_on,
                "marked_by": mark.marked_by,
                "reason": mark.reason,
                # The remove page names both records: only for a user who may see the other one
                "remove_url": access.link(user, "records:remove_not_duplicate", mark.pk) if other else None,
            }
        )
    return [render_to_string("records/different_people_panel.jinja", {"marks": rows}, request)]
