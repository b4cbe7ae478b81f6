"""The letter page every letter shares (a preview for each reader, then send), sending one again, the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opendsr.accounts import audit
from opendsr.accounts.access import Action, requires
from opendsr.referrals import letters, services
from opendsr.referrals.models import Letter, LetterKind, LetterStatus, Method, Recipient
from opendsr.referrals.views.common import letter_or_404, referral_or_404
from opendsr.web.forms import show_refusal as _apply
from opendsr.web.today import today as get_today


def sent_message(done: str, sent: list[Letter]) -> tuple[int, str]:
    """What to tell the user once the letters are recorded (and, where the task ran at once, emailed)."""
    for letter in sent:
        letter.refresh_from_db(fields=["status", "error"])
    if sent[0].method == Method.PDF:
        return messages.SUCCESS, f"{done} Download the letter below to print or attach it."
    failed = [letter for letter in sent if letter.status == LetterStatus.FAILED]
    if failed:
        names = " and ".join(letter.to_email for letter in failed)
        return messages.ERROR, f"The email to {names} could not be sent. See the letters below."
    emailed = [letter.to_email for letter in sent if letter.status == LetterStatus.SENT]
    if len(emailed) == len(sent):
        return messages.SUCCESS, f"{done} The letter was emailed to {' and '.join(emailed)}."
    names = " and ".join(letter.to_email for letter in sent)
    return (
        messages.SUCCESS,
        f"The letter to {names} is waiting to be emailed. It counts as sent once it has gone.",
    )


def letter_page(request, referral, *, kind, form, title, call, done):
    if request.method == "POST" and form.is_valid():
        try:
            sent = call(form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            level, text = sent_message(done, sent)
            messages.add_message(request, level, text)
            return redirect("referrals:detail", referral_pk=referral.pk)
    values = {}
    decision = services.latest_decision(referral)
    if kind != LetterKind.ACKNOWLEDGEMENT:
        values = {"decision": decision}
        if form.is_bound and "not_eligible_reason" in form.fields:
            values["reason"] = form.data.get("not_eligible_reason", "")
            values["signposting"] = form.data.get("signposting", "")
    recipients = services.recipients_for(referral)
    chosen = form.data.get("version") if form.is_bound else form.initial.get("version")
    easy_read = chosen == "easy_read"
    previews = []
    for recipient in recipients:
        rendered = services.preview(
            referral, kind, request.user, recipient=recipient, easy_read=easy_read, **values
        )
        name, email = services.recipient_address(referral, recipient)
        previews.append(
            {
                "recipient": Recipient(recipient),
                "easy_read": easy_read and recipient == Recipient.PERSON,
                "name": name,
                "email": email,
                "letter": rendered,
                "blocks": letters.paragraphs(rendered.body),
            }
        )
    return render(
        request,
        "referrals/letter.jinja",
        {
            "referral": referral,
            "person": referral.person,
            "form": form,
            "title": title,
            "previews": previews,
            "decision": decision,
        },
    )


def initial_letter(referral):
    """Everyone a letter can go to, by email when each of them has an email address, else as a PDF."""
    return {
        "recipients": services.recipients_for(referral),
        "method": services.default_method(referral),
        "sent_on": get_today(),
        "version": "easy_read" if services.easy_read_by_default(referral) else "standard",
    }


def waiting(referral, kinds) -> bool:
    return referral.letters.filter(kind__in=kinds, status=LetterStatus.QUEUED).exists()


@requires(Action.MANAGE_REFERRALS)
@require_POST
def letter_retry(request, letter_pk):
    letter = letter_or_404(request, letter_pk)
    try:
        services.retry_letter(letter=letter, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        level, text = sent_message("The letter is sent again.", [letter])
        messages.add_message(request, level, text)
    return redirect("referrals:detail", referral_pk=letter.referral_id)


@requires(Action.MANAGE_REFERRALS)
def letter_pdf(request, letter_pk):
    letter = letter_or_404(request, letter_pk)
    referral = referral_or_404(request, letter.referral_id)
    person = referral.person
    address = services.letter_address(letter)
    content = letters.pdf(
        letter=letter,
        icb_name=person.icb.name,
        address_lines=address,
        sent_on=letter.sent_on,
        large=services.large_print(letter),
    )
    audit.record(
        request,
        "letter.downloaded",
        person=person,
        summary=f"Downloaded the {letter.get_kind_display().lower()} letter as a PDF",
        detail={"referral": referral.pk, "letter": letter.pk},
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{letter.kind}-letter-{referral.pk}-{letter.pk}.pdf"'
    )
    return response
