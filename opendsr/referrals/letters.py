"""Letters about a referral: the default wording, filling in placeholders, and the PDF.

Templates use placeholders in braces, such as {first_name}. Only the names in PLACEHOLDERS may be used; a
template naming any other is refused when it is saved, so a letter can never go out with a gap in it.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from django.template.loader import render_to_string

from opendsr.referrals.models import LetterKind

PLACEHOLDERS = {
    "first_name": "The person's first name",
    "person_name": "The person's full name",
    "referral_date": "The date the referral was received",
    "referrer_name": "The name of the person who referred them",
    "icb_name": "Your integrated care board's name",
    "rating": "Their rating (red, amber or green) in plain words",
    "rating_meaning": "What that rating means for them",
    "decision_date": "The date the decision was made",
    "not_eligible_reason": "Why they are not eligible",
    "signposting": "Who else can help",
    "contact": "Who to contact: the name, phone number and email address of the person sending the letter",
}

DEFAULTS = {
    LetterKind.ACKNOWLEDGEMENT: (
        "We have received the referral for {person_name}",
        "Dear {first_name},\n\n"
        "We received a referral for you to the dynamic support register on {referral_date}.\n\n"
        "The dynamic support register is a list the NHS and your local council keep of people who may need "
        "extra support to stay well at home and out of hospital.\n\n"
        "What happens next:\n"
        "- we will look at the referral with you, your family and the people who support you\n"
        "- we will decide within 4 weeks whether you should be on the register\n"
        "- we will write to tell you what we decided, and why\n\n"
        "You can talk to us at any time.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    LetterKind.OUTCOME_ELIGIBLE: (
        "You have been added to the dynamic support register",
        "Dear {first_name},\n\n"
        "On {decision_date} we decided to add you to the dynamic support register.\n\n"
        "Your rating is {rating}. {rating_meaning}\n\n"
        "Being on the register means the people who support you will meet to plan with you and your family, "
        "so you get the right help at the right time.\n\n"
        "If you do not agree with this decision, please tell us. We will look at it again.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    LetterKind.OUTCOME_NOT_ELIGIBLE: (
        "The outcome of the referral for {person_name}",
        "Dear {first_name},\n\n"
        "On {decision_date} we looked at the referral for you to the dynamic support register. We decided "
        "that the register is not the right support for you at the moment.\n\n"
        "Why: {not_eligible_reason}\n\n"
        "There is no wrong door. These services can help you:\n"
        "{signposting}\n\n"
        "If things change, you or the people who support you can refer you again at any time. If you do not "
        "agree with this decision, please tell us. We will look at it again.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
}

RATING_WORDS = {
    "red": (
        "red",
        "This means you are at high risk of going into hospital without extra support. Your team will meet "
        "with you soon to agree a plan, and we will offer you a Care (Education) and Treatment Review.",
    ),
    "amber": (
        "amber",
        "This means you are at risk of going into hospital without extra support. Your team will meet to "
        "make sure the right support is in place.",
    ),
    "green": (
        "green",
        "This means you need some support to stay well at home. The people who support you will keep in "
        "touch and check how things are going.",
    ),
    "blue": ("blue", "This means you are in hospital. Your team will work with you on a plan to leave."),
}


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders in `text` that are not in PLACEHOLDERS (or are malformed), in order of appearance."""
    problems: list[str] = []
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return ["a brace that is not closed"]
    for _literal, name, _spec, _conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS and name not in problems:
            problems.append(name or "{}")
    return problems


@dataclass(frozen=True)
class RenderedLetter:
    subject: str
    body: str


class _Blank(dict):
    def __missing__(self, key):
        return ""


def fill(text: str, values: dict) -> str:
    return string.Formatter().vformat(text, (), _Blank(values)).strip()


def render(subject: str, body: str, values: dict) -> RenderedLetter:
    body = re.sub(r"\n{3,}", "\n\n", fill(body, values))
    return RenderedLetter(subject=fill(subject, values), body=body)


def paragraphs(body: str) -> list[dict]:
    """Split a letter body into paragraphs and bulleted lists, for the HTML and PDF versions."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        lines = [line.rstrip() for line in chunk.splitlines() if line.strip()]
        bullets = [line for line in lines if line.lstrip().startswith(("- ", "* "))]
        if bullets and len(bullets) == len(lines):
            blocks.append({"list": [line.lstrip()[2:] for line in lines]})
        elif bullets:
            intro = [line for line in lines if line not in bullets]
            blocks.append({"text": "\n".join(intro)})
            blocks.append({"list": [line.lstrip()[2:] for line in bullets]})
        else:
            blocks.append({"text": "\n".join(lines)})
    return blocks


def pdf(*, letter, icb_name: str, address_lines: list[str], sent_on) -> bytes:
    """The letter as an A4 PDF."""
    import weasyprint

    html = render_to_string(
        "referrals/letter_pdf.jinja",
        {
            "letter": letter,
            "icb_name": icb_name,
            "address_lines": address_lines,
            "sent_on": sent_on,
            "blocks": paragraphs(letter.body),
        },
    )
    return weasyprint.HTML(string=html).write_pdf()
