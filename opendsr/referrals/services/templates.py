"""The letter templates: each ICB's wording of each letter for each reader, checked when it is saved."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.referrals import letters
from opendsr.referrals.models import (
    LetterKind,
    LetterTemplate,
    Recipient,
)
from opendsr.referrals.services.common import who
from opendsr.web.validators import has_line_break


def template_for(
    icb, kind: str, recipient: str = Recipient.PERSON, easy_read: bool = False
) -> LetterTemplate:
    """The ICB's template of this kind for this reader (and, for the person, the standard or easy read version);
    until the DSR lead changes it, the standard wording (not yet saved, so reading a letter never writes
    anything)."""
    easy_read = bool(easy_read) and recipient == Recipient.PERSON  # only the person has an easy read version
    template = LetterTemplate.objects.filter(
        icb=icb, kind=kind, recipient=recipient, easy_read=easy_read
    ).first()
    if template is None:
        subject, body = letters.standard_wording(kind, recipient, easy_read)
        template = LetterTemplate(
            icb=icb, kind=kind, recipient=recipient, easy_read=easy_read, subject=subject, body=body
        )
    return template


def templates_for(icb) -> list[LetterTemplate]:
    """Every letter for every reader: the person (standard and easy read), the referrer, their family."""
    found = []
    for kind in LetterKind.values:
        for recipient in Recipient.values:
            found.append(template_for(icb, kind, recipient))
            if recipient == Recipient.PERSON:
                found.append(template_for(icb, kind, recipient, easy_read=True))
    return found


@transaction.atomic
def update_template(*, template: LetterTemplate, by, subject: str, body: str, request=None) -> LetterTemplate:
    problems = {}
    for field, text, label in (("subject", subject, "The subject"), ("body", body, "The letter")):
        if not (text or "").strip():
            problems[field] = f"Enter {label.lower()}"
            continue
        found = letters.template_problems(text, label)
        if field == "subject" and has_line_break(text.strip()):
            found.insert(0, "The subject must be on one line")
        if field == "subject" and len(text.strip()) > letters.MAX_SUBJECT:
            found.insert(0, f"The subject must be {letters.MAX_SUBJECT} characters or fewer")
        if field == "body" and len(text.strip()) > letters.MAX_TEMPLATE:
            found.insert(0, f"The letter must be {letters.MAX_TEMPLATE:,} characters or fewer")
        if found:
            problems[field] = found
    if problems:
        raise ValidationError(problems)
    template.subject, template.body, template.updated_by = subject.strip(), body.strip(), by
    template.save()
    audit.record(
        by,
        "letter_template.changed",
        summary=f"Changed the {template.get_kind_display().lower()} letter to {who(template.recipient)}"
        f"{' (easy read)' if template.easy_read else ''}",
        detail={"template": template.pk},
        request=request,
    )
    return template
