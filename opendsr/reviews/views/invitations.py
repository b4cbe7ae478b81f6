"""Pages for inviting people to a C(E)TR and recording their replies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.reviews import forms, queries
from opendsr.reviews.models import (
    Invitation,
)
from opendsr.reviews.services.invitations import (
    calendar_file,
    invitation_text,
    record_reply,
    send_invitations,
)
from opendsr.reviews.views.common import _form_page, _review, _scoped
from opendsr.web.today import today as get_today


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def invitations(request, review_pk):
    review = _review(request, review_pk, Action.MANAGE_REVIEWS)
    invited = list(review.invitations.all())
    # Named people are ticked to invite; a role with no name yet waits for the user to add one.
    proposed = [
        {**row, "invite": row["named"], "method": "email" if row["email"] else "letter"}
        for row in queries.proposed_invitees(review)
    ]
    extra_rows = [{"invite": False, "role": "other", "name": "", "method": "email"} for _ in range(2)]
    formset = forms.InviteeFormSet(request.POST or None, initial=proposed + extra_rows, prefix="invitee")
    if request.method == "POST" and formset.is_valid():
        chosen = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("invite")]
        try:
            sent = send_invitations(review=review, by=request.user, invitees=chosen, request=request)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(
                request, f"{len(sent)} {'invitation is' if len(sent) == 1 else 'invitations are'} sent."
            )
            return redirect("reviews:invitations", review.pk)
    return render(
        request,
        "reviews/invitations.jinja",
        {"review": review, "person": review.person, "formset": formset, "invited": invited},
    )


@requires(Action.MANAGE_REVIEWS)
@require_http_methods(["GET", "POST"])
def invitation(request, invitation_pk):
    row = _scoped(Invitation, request, invitation_pk)
    review = _review(request, row.review_id, Action.MANAGE_REVIEWS)
    if request.GET.get("download") == "ics":
        response = HttpResponse(calendar_file(review, row), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="review-{review.pk}.ics"'
        return response
    form = forms.ReplyForm(
        request.POST or None, initial={"reply": row.reply, "replied_on": row.replied_on or get_today()}
    )
    return _form_page(
        request,
        review=review,
        form=form,
        heading=f"Invitation to {row.name}",
        call=lambda data: record_reply(invitation=row, by=request.user, request=request, **data),
        success=f"{row.name}'s reply is saved.",
        redirect_to=reverse("reviews:invitations", args=[review.pk]),
        submit="Save reply",
        back=reverse("reviews:invitations", args=[review.pk]),
        extra={
            "letter": invitation_text(review, row) if review.scheduled_for else "",
            "invitation": row,
        },
    )
