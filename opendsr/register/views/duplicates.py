"""The step before someone new is added, shared by "Add a person" and "Record a referral": look for people already
on the register with the details typed, and show them instead of adding anyone, until the user says this is
someone else ("Add as a new person", `confirm_new`). The look-up is audited (`check_for_duplicates`); the page
shows the matches with `possible_matches` from `register/_duplicates.jinja`."""

from __future__ import annotations

from opendsr.register.queries import PossibleDuplicates
from opendsr.register.services.people import check_for_duplicates

DETAILS = ("nhs_number", "family_name", "given_name", "date_of_birth")


def confirmed_new(request) -> bool:
    """Whether the user looked at the possible matches and said this is someone else."""
    return request.POST.get("confirm_new") == "yes"


def matches_before_adding(request, details: dict, *, where: str) -> PossibleDuplicates | None:
    """The people to show before adding someone with these details, or None when the user has already said
    this is someone new (`where`: "register" or "referral", for the audit trail). Nothing is added while
    this is not empty."""
    if confirmed_new(request):
        return None
    return check_for_duplicates(
        by=request.user, where=where, request=request, **{name: details.get(name) for name in DETAILS}
    )
