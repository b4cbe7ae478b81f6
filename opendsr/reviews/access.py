"""Who may see which C(E)TRs. The role rules live in opendsr.accounts.access; this module answers the two
questions that depend on review records: which people a panel member sits on a review for, and whether a
user may open one review."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.accounts.models import Role
from opendsr.web.params import whole_number


def people_on_my_panels(user, people: QuerySet) -> QuerySet:
    """A panel member sees the people whose C(E)TR they sit on (through a panel-directory entry linked to their
    login); registered with the access module at start-up."""
    from opendsr.reviews.models import PanelSeat

    seats = PanelSeat.objects.filter(member__user=user, member__icb_id=user.icb_id, removed_at__isnull=True)
    return people.filter(pk__in=seats.values("review__person_id"))


def reviews_for(user) -> QuerySet:
    """Every review this user may see: reviews of people they may see; for panel members, only the reviews
    they sit on."""
    from opendsr.reviews.models import Review

    reviews = Review.objects.filter(person__in=access.people_for(user).values("pk"))
    if getattr(user, "role", None) == Role.PANEL_MEMBER:
        reviews = reviews.filter(seats__member__user=user, seats__removed_at__isnull=True).distinct()
    return reviews


def review_for(user, pk, action: Action | str = Action.VIEW_PERSON):
    """The review with this id if the user may see it (404 if not), and may take the action on it (403)."""
    review = (
        reviews_for(user).select_related("person").filter(pk=pk).first()
        if (pk := whole_number(pk)) is not None
        else None
    )
    if review is None:
        raise Http404("No such review")
    access.require(user, action)
    return review
