"""The wording of the letters about a C(E)TR, for each reader: the person (standard and easy read), their family
or carer (standard and easy read), and the professionals involved. Plain English written for its reader; easy
read in short sentences with one idea on each line, printed in large text.

Placeholders in braces are filled in by `compose`: {recipient_name}, {first_name}, {person_name},
{review_date}, {review_time}, {venue}, {report_date}, {contact}, {icb_name}.
"""

from __future__ import annotations

import re

THANK_YOU = "cetr_thank_you"
INVITATION = "cetr_invitation"
CONSENT_REQUEST = "consent_request"

KIND_LABELS = {
    THANK_YOU: "Thank you for taking part in the C(E)TR",
    INVITATION: "Invitation to the C(E)TR",
    CONSENT_REQUEST: "Consent request",
}


def _tick_and_send(*questions: str) -> str:
    """The end of an easy read form: each question with boxes to tick, then where to sign and how to answer."""
    ticks = "".join(f"{question}\n[ ] Yes\n[ ] No\n\n" for question in questions)
    return (
        "Please tick a box for each question.\n\n"
        + ticks
        + "Your name:\nDate:\n\nSend this back to us, or tell us on the phone.\n\n{contact}\n\n{icb_name}"
    )


WORDING = {
    # 001 s16.6.1: the person, family members and involved professionals receive a letter thanking them for
    # their involvement in the review and saying how they will be kept updated.
    (THANK_YOU, "person", "standard"): (
        "Thank you for your Care (Education) and Treatment Review",
        "Dear {first_name},\n\n"
        "Thank you for taking part in your Care (Education) and Treatment Review on {review_date}. What you told "
        "the panel matters, and it is at the centre of the report.\n\n"
        "How we will keep you updated:\n"
        "- you will get the report, with an easy read summary, by {report_date}\n"
        "- the people named in the report will do the actions it sets out, by the dates it gives\n"
        "- your case manager will tell you how the actions are going, and you can ask them at any time\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (THANK_YOU, "person", "easy_read"): (
        "Thank you for coming to your review",
        "Hello {first_name}.\n\n"
        "Thank you for coming to your review on {review_date}.\n"
        "Thank you for telling us what you think.\n\n"
        "What happens next:\n"
        "- we will send you the report by {report_date}\n"
        "- there will be an easy read report too\n"
        "- people will do the things the report says\n"
        "- your case manager will tell you how it is going\n\n"
        "You can ask us at any time.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (THANK_YOU, "family", "standard"): (
        "Thank you for taking part in {first_name}'s review",
        "Dear {recipient_name},\n\n"
        "Thank you for taking part in {first_name}'s Care (Education) and Treatment Review on {review_date}. "
        "You know {first_name} best, and what you told the panel shaped its recommendations.\n\n"
        "How we will keep you updated:\n"
        "- you will get the report by {report_date}, if {first_name} agrees to you having it\n"
        "- the people named in the report will do the actions it sets out, by the dates it gives\n"
        "- {first_name}'s case manager will keep you in touch with how the actions are going\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (THANK_YOU, "family", "easy_read"): (
        "Thank you for coming to {first_name}'s review",
        "Hello {recipient_name}.\n\n"
        "Thank you for coming to {first_name}'s review on {review_date}.\n"
        "Thank you for telling us what you think.\n\n"
        "What happens next:\n"
        "- we will send the report by {report_date}\n"
        "- people will do the things the report says\n"
        "- the case manager will tell you how it is going\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (THANK_YOU, "professional", "standard"): (
        "Thank you: Care (Education) and Treatment Review for {person_name}",
        "Dear {recipient_name},\n\n"
        "Thank you for your part in the Care (Education) and Treatment Review for {person_name} on "
        "{review_date}.\n\n"
        "The report will be sent by {report_date}. If an action in it names you or your service, please do it "
        "by the date it gives and tell the case manager when it is done; we follow up every action until it is "
        "complete.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (INVITATION, "person", "standard"): (
        "You are invited to your Care (Education) and Treatment Review",
        "Dear {first_name},\n\n"
        "You are invited to your Care (Education) and Treatment Review.\n\n"
        "When: {review_date}{review_time}\n"
        "Where: {venue}\n\n"
        "The review is a meeting about you and the support you need. You can say what is going well and what "
        "needs to change. You can bring someone with you, and you can ask for the meeting to be changed to suit "
        "you.\n\n"
        "Please tell us if you can come, or how you would like to take part.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (INVITATION, "person", "easy_read"): (
        "Come to your review",
        "Hello {first_name}.\n\n"
        "We would like you to come to a meeting about you.\n"
        "It is called a Care and Treatment Review.\n\n"
        "When: {review_date}{review_time}\n"
        "Where: {venue}\n\n"
        "At the meeting:\n"
        "- you can say what is going well\n"
        "- you can say what needs to change\n"
        "- you can bring someone with you\n\n"
        "Tell us if you need something to help you take part.\n"
        "Tell us if you can come.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (INVITATION, "family", "standard"): (
        "Invitation: {first_name}'s Care (Education) and Treatment Review",
        "Dear {recipient_name},\n\n"
        "You are invited to {first_name}'s Care (Education) and Treatment Review.\n\n"
        "When: {review_date}{review_time}\n"
        "Where: {venue}\n\n"
        "The panel will want to hear from you: what is going well for {first_name}, what worries you, and what "
        "would help. If you cannot come, you can send us your views before the review.\n\n"
        "Please tell us if you can come, and anything that would help you take part.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (INVITATION, "family", "easy_read"): (
        "Come to {first_name}'s review",
        "Hello {recipient_name}.\n\n"
        "We would like you to come to a meeting about {first_name}.\n"
        "It is called a Care and Treatment Review.\n\n"
        "When: {review_date}{review_time}\n"
        "Where: {venue}\n\n"
        "At the meeting you can tell us:\n"
        "- what is going well\n"
        "- what worries you\n"
        "- what would help\n\n"
        "Tell us if you can come.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    # 001 s2.4: informed consent, formally documented; the easy read versions are forms to tick and send back.
    (CONSENT_REQUEST, "person", "standard"): (
        "Can we add you to the dynamic support register?",
        "Dear {first_name},\n\n"
        "We would like to add you to the dynamic support register. It is a list the NHS and your local council "
        "keep of people who may need extra support to stay well at home. Being on it means the people who "
        "support you plan with you, and share what they need to know to help you.\n\n"
        "We need your agreement first. You can say no, and you can change your mind at any time. Saying no will "
        "not stop you getting support.\n\n"
        "Please tell us whether you agree:\n"
        "- to be on the register\n"
        "- to the services that support you sharing information about you\n"
        "- to have a Care (Education) and Treatment Review if you need one\n\n"
        "You can tell us in person, by phone, or by writing back to us.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
    (CONSENT_REQUEST, "person", "easy_read"): (
        "Can we put your name on our list?",
        "Hello {first_name}.\n\n"
        "We keep a list of people who may need extra help.\n"
        "It helps people plan with you.\n"
        "We want to put your name on the list.\n\n"
        "You can say yes or no.\n"
        "You can change your mind at any time.\n"
        "If you say no, you will still get help.\n\n"
        + _tick_and_send(
            "Can we put your name on the list?",
            "Can the people who help you talk to each other about you?",
            "If you need a review meeting, can we have one?",
        ),
    ),
    # For a family member or carer who reads easy read: the same questions, about the person, and who decides.
    (CONSENT_REQUEST, "family", "easy_read"): (
        "Can we put {first_name}'s name on our list?",
        "Hello {recipient_name}.\n\n"
        "We keep a list of people who may need extra help to stay well at home.\n"
        "It helps the people who support {first_name} plan together.\n"
        "We want to put {first_name}'s name on the list.\n\n"
        "We ask {first_name} first.\n"
        "If {first_name} cannot decide, we ask you.\n"
        "We ask you if you are their parent, or the law lets you decide for them.\n"
        "If not, we will decide with you what is best for {first_name}.\n\n"
        "You can say yes or no.\n"
        "You can change your mind at any time.\n"
        "If you say no, {first_name} will still get help.\n\n"
        + _tick_and_send(
            "Can we put {first_name}'s name on the list?",
            "Can the people who help {first_name} talk to each other about them?",
            "If {first_name} needs a review meeting, can we have one?",
        ),
    ),
    (CONSENT_REQUEST, "family", "standard"): (
        "Consent for {first_name} to be on the dynamic support register",
        "Dear {recipient_name},\n\n"
        "We would like to add {first_name} to the dynamic support register, so the people who support them can "
        "plan together and share what they need to know.\n\n"
        "We ask {first_name} first. If {first_name} cannot decide for themselves, and you have parental "
        "responsibility, a Lasting Power of Attorney for health and welfare, or are their deputy, we ask you. "
        "Otherwise we will make a best interests decision with you, under the Mental Capacity Act 2005.\n\n"
        "Please tell us whether you agree:\n"
        "- to {first_name} being on the register\n"
        "- to the services that support them sharing information about them\n"
        "- to a Care (Education) and Treatment Review if they need one\n\n"
        "You can change your mind at any time. Saying no will not stop {first_name} getting support.\n\n"
        "{contact}\n\n"
        "{icb_name}",
    ),
}

READERS = {"person", "family", "professional"}
FAMILY_ROLES = {"parent", "family_carer", "sibling"}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def reader_of(role: str) -> str:
    """The kind of reader an invitee is: the person, their family, or a professional."""
    if role == "person":
        return "person"
    return "family" if role in FAMILY_ROLES else "professional"


def compose(kind: str, reader: str, version: str, values: dict) -> tuple[str, str]:
    """The subject and body of this letter for this reader, in this version when there is one (else the
    standard wording), with the placeholders filled in. It never raises for a missing value."""
    key = (kind, reader, version)
    if key not in WORDING:
        key = (kind, reader, "standard")
    if key not in WORDING:
        key = (kind, "family" if reader == "professional" else reader, "standard")
    subject, body = WORDING[key]

    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), "")), text)

    return " ".join(fill(subject).split()), re.sub(r"\n{3,}", "\n\n", fill(body)).strip()


def has_version(kind: str, reader: str, version: str) -> bool:
    return (kind, reader, version) in WORDING
