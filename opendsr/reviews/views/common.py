"""What the review pages share: finding the review or record the user may see, and a form page."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action
from opendsr.reviews.access import review_for
from opendsr.web.form_pages import form_page
from opendsr.web.params import whole_number


def _pk(value) -> int:
    return whole_number(value, default=0)


def _review(request, review_pk, action=Action.VIEW_PERSON):
    review = review_for(request.user, review_pk, action)
    audit.shows(request, review.person)
    return review


def _scoped(model, request, pk, *, via="review__person"):
    """A record that hangs off a person this user may see, or 404."""
    row = model.objects.filter(
        **{f"{via}__in": access.people_for(request.user).values("pk")}, pk=_pk(pk)
    ).first()
    if row is None:
        raise Http404("Not found")
    person = row
    for step in via.split("__"):
        person = getattr(person, step)
    audit.shows(request, person)
    return row


def _form_page(
    request,
    *,
    review=None,
    person=None,
    form,
    heading,
    call,
    success,
    redirect_to,
    lead="",
    submit="Save",
    caption=None,
    back=None,
    extra=None,
):
    person = person or (review.person if review else None)
    return form_page(
        request,
        form,
        template="reviews/_form.jinja",
        call=call,
        success=success,
        # A callable names the page of the record the call just made, from what the call returned.
        redirect_to=redirect_to,
        context={
            "heading": heading,
            "lead": lead,
            "submit": submit,
            "caption": caption or (person.full_name if person else ""),
            "back": back or (reverse("reviews:detail", args=[review.pk]) if review else None),
            "review": review,
            "person": person,
            **(extra or {}),
        },
    )
