"""Letters about a referral: the default wording, filling in placeholders, and the PDF.

Templates use placeholders in braces, such as {first_name}. Only the plain names in PLACEHOLDERS may be used; a
template naming any other, or adding a format or conversion to one, is refused when it is saved, so a letter can
never go out with a gap in it. Filling a template never raises, and the letter's size is capped.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from opendsr.communication import letters as written
from opendsr.communication.letters import paragraphs  # noqa: F401 - the letter page splits letters the same way
from opendsr.referrals.models import LetterKind, Recipient
from opendsr.web.formatting import timescales

STRATIFY_WITHIN = timescales()["stratify_referral"]  # 000 Part 1, read from the policy core
ACKNOWLEDGE_WITHIN = timescales()["acknowledge_referral"]

PLACEHOLDERS = {
    "recipient_name": "The name of the person the letter is to",
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

# The standard wording of each letter, for each reader: the person, the referrer, and their family or carer.
DEFAULTS = {
    (LetterKind.ACKNOWLEDGEMENT, Recipient.PERSON): (
        "We have received the referral for {person_name}",
        "Dear {first_name},\n\n"
        "We received a referral for you to the dynamic support register on {referral_date}.\n\n"
        "The dynamic support register is a list the NHS and your local council keep of people who may need "
        "extra support to stay well at home and out of hospital.\n\n"
        "What happens next:\n"
        "- we will look at the referral with you, your family and the people who support you\n"
        f"- we will decide within {STRATIFY_WITHIN} whether you should be on the register\n"
        "- we will write to tell you what we decided, and why\n\n"
        "You can talk to us at any time.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (LetterKind.OUTCOME_ELIGIBLE, Recipient.PERSON): (
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
    (LetterKind.OUTCOME_NOT_ELIGIBLE, Recipient.PERSON): (
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
    (LetterKind.ACKNOWLEDGEMENT, Recipient.REFERRER): (
        "We have received your referral for {person_name}",
        "Dear {recipient_name},\n\n"
        "Thank you for referring {person_name} to the dynamic support register. We received the referral on "
        "{referral_date}.\n\n"
        "What happens next:\n"
        "- we will look at the referral with {first_name}, their family and the people who support them\n"
        f"- we will decide within {STRATIFY_WITHIN} whether {{first_name}} should be on the register\n"
        "- we will tell you and {first_name} what we decided, and why\n\n"
        "If anything changes, or you have more to tell us, please contact us.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (LetterKind.ACKNOWLEDGEMENT, Recipient.FAMILY): (
        "We have received the referral for {person_name}",
        "Dear {recipient_name},\n\n"
        "We received a referral for {first_name} to the dynamic support register on {referral_date}.\n\n"
        "The dynamic support register is a list the NHS and the local council keep of people who may need "
        "extra support to stay well at home and out of hospital.\n\n"
        "What happens next:\n"
        "- we will look at the referral with {first_name}, with you and with the people who support them\n"
        f"- we will decide within {STRATIFY_WITHIN} whether {{first_name}} should be on the register\n"
        "- we will write to tell {first_name} and you what we decided, and why\n\n"
        "You can talk to us at any time.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (LetterKind.OUTCOME_ELIGIBLE, Recipient.REFERRER): (
        "The outcome of your referral for {person_name}",
        "Dear {recipient_name},\n\n"
        "Thank you for your referral of {person_name}, received on {referral_date}.\n\n"
        "On {decision_date} we decided to add {first_name} to the dynamic support register. Their rating is "
        "{rating}.\n\n"
        "The people who support {first_name} will meet to plan with them and their family, so they get the "
        "right help at the right time. We may ask you to take part.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (LetterKind.OUTCOME_ELIGIBLE, Recipient.FAMILY): (
        "{first_name} has been added to the dynamic support register",
        "Dear {recipient_name},\n\n"
        "On {decision_date} we decided to add {first_name} to the dynamic support register. Their rating is "
        "{rating}.\n\n"
        "Being on the register means the people who support {first_name} will meet to plan with them and with "
        "you, so {first_name} gets the right help at the right time.\n\n"
        "If you or {first_name} do not agree with this decision, please tell us. We will look at it again.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (LetterKind.OUTCOME_NOT_ELIGIBLE, Recipient.REFERRER): (
        "The outcome of your referral for {person_name}",
        "Dear {recipient_name},\n\n"
        "Thank you for your referral of {person_name}, received on {referral_date}.\n\n"
        "On {decision_date} we decided that the dynamic support register is not the right support for "
        "{first_name} at the moment.\n\n"
        "Why: {not_eligible_reason}\n\n"
        "There is no wrong door. These services can help:\n"
        "{signposting}\n\n"
        "If things change, you can refer {first_name} again at any time. If you do not agree with this "
        "decision, please tell us. We will look at it again.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (LetterKind.OUTCOME_NOT_ELIGIBLE, Recipient.FAMILY): (
        "The outcome of the referral for {person_name}",
        "Dear {recipient_name},\n\n"
        "On {decision_date} we looked at the referral for {first_name} to the dynamic support register. We "
        "decided that the register is not the right support for {first_name} at the moment.\n\n"
        "Why: {not_eligible_reason}\n\n"
        "There is no wrong door. These services can help:\n"
        "{signposting}\n\n"
        "If things change, you, {first_name} or the people who support them can refer {first_name} again at "
        "any time. If you do not agree with this decision, please tell us. We will look at it again.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (LetterKind.ONLINE_RECEIPT, Recipient.PERSON): (
        "We have your referral to the dynamic support register",
        "Dear {first_name},\n\n"
        "Thank you. We received your referral to the dynamic support register on {referral_date}.\n\n"
        "What happens next:\n"
        f"- someone from our team will contact you within {ACKNOWLEDGE_WITHIN}\n"
        "- we will talk with you, and with the people who support you if you want us to\n"
        f"- we will decide within {STRATIFY_WITHIN} whether you should be on the register, and tell you why\n\n"
        "If you are worried about your safety now, call 999 or go to A&E. For urgent help that is not an "
        "emergency, call 111.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (LetterKind.ONLINE_RECEIPT, Recipient.REFERRER): (
        "We have your referral for {person_name}",
        "Dear {recipient_name},\n\n"
        "Thank you for referring {person_name} to the dynamic support register. We received it on "
        "{referral_date}.\n\n"
        "What happens next:\n"
        f"- someone from our team will contact you within {ACKNOWLEDGE_WITHIN}\n"
        "- we will talk with {first_name}, with you and with the people who support them\n"
        f"- we will decide within {STRATIFY_WITHIN} whether {{first_name}} should be on the register, and "
        "tell you and {first_name} why\n\n"
        "If you are worried about anyone's safety now, call 999 or go to A&E. For urgent help that is not an "
        "emergency, call 111.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (LetterKind.ONLINE_RECEIPT, Recipient.FAMILY): (
        "We have a referral for {person_name}",
        "Dear {recipient_name},\n\n"
        "We received a referral for {first_name} to the dynamic support register on {referral_date}.\n\n"
        f"Someone from our team will contact you or {{first_name}} within {ACKNOWLEDGE_WITHIN}.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
}


# The easy read version of each letter, for the person: short sentences, one idea on each line, everyday words,
# printed in large text. A line starting with "- " is a point of its own.
EASY_READ = {
    LetterKind.ACKNOWLEDGEMENT: (
        "We got the referral about you",
        "Hello {first_name}.\n\n"
        "Someone asked us to think about extra help for you.\n"
        "This is called a referral.\n"
        "We got it on {referral_date}.\n\n"
        "We keep a list of people who may need extra help to stay well at home.\n"
        "The list is called the dynamic support register.\n\n"
        "What happens next:\n"
        "- we will talk with you\n"
        "- we will talk with your family and the people who help you\n"
        f"- we will decide in {STRATIFY_WITHIN} if you should be on the list\n"
        "- we will write to tell you what we decided\n\n"
        "You can talk to us at any time.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    LetterKind.OUTCOME_ELIGIBLE: (
        "You are on the dynamic support register",
        "Hello {first_name}.\n\n"
        "On {decision_date} we decided to put you on the dynamic support register.\n"
        "This is a list of people who may need extra help to stay well at home.\n\n"
        "Your colour is {rating}.\n"
        "{rating_meaning}\n\n"
        "The people who help you will meet.\n"
        "They will plan with you and your family.\n\n"
        "If you do not agree, tell us.\n"
        "We will look at it again.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    LetterKind.OUTCOME_NOT_ELIGIBLE: (
        "What we decided about the referral",
        "Hello {first_name}.\n\n"
        "On {decision_date} we looked at the referral about you.\n"
        "We decided the dynamic support register is not right for you now.\n\n"
        "Why:\n"
        "{not_eligible_reason}\n\n"
        "Other people can help you:\n"
        "{signposting}\n\n"
        "If things change, you can ask again at any time.\n"
        "If you do not agree, tell us.\n"
        "We will look at it again.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    LetterKind.ONLINE_RECEIPT: (
        "We got your referral",
        "Hello {first_name}.\n\n"
        "Thank you.\n"
        "We got your referral on {referral_date}.\n\n"
        "What happens next:\n"
        f"- someone will contact you in {ACKNOWLEDGE_WITHIN}\n"
        "- we will talk with you\n"
        f"- we will decide in {STRATIFY_WITHIN} if you should be on the list\n\n"
        "If you are not safe now, call 999.\n"
        "If you need help soon, call 111.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
}

EASY_READ_RATING_WORDS = {
    "red": "This means you need a lot of help now, so you do not have to go into hospital.",
    "amber": "This means you need more help, so you do not have to go into hospital.",
    "green": "This means you need some help to stay well at home.",
    "blue": "This means you are in hospital. We will help you plan to leave.",
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


# The most a letter may be, so no template or answer can make a letter page or email of megabytes.
MAX_SUBJECT = 200  # the Letter.subject column
MAX_BODY = 20_000
MAX_TEMPLATE = 10_000  # the words a DSR lead writes, before the placeholders are filled in


def template_problems(text: str, label: str) -> list[str]:
    """What is wrong with the placeholders in a template's `text`, in words for the person editing it. Only
    the plain names in PLACEHOLDERS may be used: no format after a colon, no conversion after a "!"."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return [f"{label} has a brace that is not closed. Write placeholders like {{first_name}}"]
    problems: list[str] = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if name not in PLACEHOLDERS:
            problem = f"{label} uses a placeholder OpenDSR does not know: {shown}"
        elif spec or conversion:
            problem = (
                f"{label} uses {shown}: a placeholder cannot have anything after its name. Write {{{name}}}"
            )
        else:
            continue
        if problem not in problems:
            problems.append(problem)
    return problems


@dataclass(frozen=True)
class RenderedLetter:
    subject: str
    body: str


_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def fill(text: str, values: dict) -> str:
    """Put the values in place of the placeholders. It never raises: a placeholder that is not a plain known
    name (a template saved before such names were refused) is filled by its name alone, or left out when the
    name is unknown, and braces that match nothing are kept as they are."""

    def replace(match: re.Match) -> str:
        whole = match.group(0)
        if whole in ("{{", "}}"):
            return whole[0]
        name = re.split(r"[!:.\[]", match.group(1), maxsplit=1)[0].strip()
        return str(values.get(name, "")) if name in PLACEHOLDERS else ""

    return _PLACEHOLDER.sub(replace, text or "").strip()


def _cap(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[-80:] else cut).rstrip() + "…"


def render(subject: str, body: str, values: dict) -> RenderedLetter:
    body = re.sub(r"\n{3,}", "\n\n", fill(body, values))
    subject = " ".join(fill(subject, values).split())  # one line, whatever the values hold
    return RenderedLetter(subject=_cap(subject, MAX_SUBJECT), body=_cap(body, MAX_BODY))


def standard_wording(kind: str, recipient: str, easy_read: bool = False) -> tuple[str, str]:
    """The subject and body OpenDSR writes for this letter and reader until the DSR lead changes them."""
    if easy_read and recipient == Recipient.PERSON:
        return EASY_READ[LetterKind(kind)]
    return DEFAULTS[(LetterKind(kind), Recipient(recipient))]


def pdf(*, letter, icb_name: str, address_lines: list[str], sent_on, large: bool = False) -> bytes:
    """The letter as an A4 PDF; `large` prints it in large text (easy read, or a reader of large print)."""
    return written.pdf(
        subject=letter.subject,
        body=letter.body,
        icb_name=icb_name,
        address_lines=address_lines,
        sent_on=sent_on,
        large=large,
    )
