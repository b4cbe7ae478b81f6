"""The privacy notice on an ICB's public pages: the standard wording, true to what OpenDSR does, until the DSR
lead writes their own. It is plain text: a blank line between paragraphs, "## " at the start of a heading. It is
always shown escaped, so nothing typed in it can add a link, a script or any other HTML to the page."""

from __future__ import annotations

from dataclasses import dataclass

from opendsr.web.formatting import timescales

STANDARD = """{icb} keeps the dynamic support register using a system called OpenDSR. This page says what we keep, why, who can see it and what you can ask us to do.

## What we keep
When you make a referral on these pages, we keep what you tell us: the person's name, date of birth, address, NHS number if you gave it, how to contact them, how they like to communicate, and what is worrying you. If you are a family member or carer, we also keep your name, your relationship to them and your contact details.

If you are a professional, we keep your name, job title, organisation and work contact details. We email a link to the work address you give, and the referral only reaches us when you follow it, so we know the address is yours.

We also keep the network address (IP address) the referral came from, and the time it was sent. We use these only to stop the form being misused, for example by a computer program sending it again and again.

While you fill in the form, your answers are kept on our server, linked to your browser, until you send them or close your browser. Nobody else can see them.

## Why we keep it
We use it to look at the referral, to decide with you whether you should be on the register, and to plan the right support with you. The NHS England dynamic support register policy asks every integrated care board to do this.

## Your agreement
A person's name is only kept on the register if they agree, or, when they cannot decide for themselves, after a decision that it is in their best interests, as the Mental Capacity Act 2005 says. We write down the date you agreed, and we check with you at least every {recheck} that you still agree. You can change your mind at any time.

If we decide the register is not right for you, we still keep the referral and what we decided, so that we can explain our decision and look at it again if you ask us to.

## Who can see it
Only the people who work on the register at {icb}, and the people who support you that we work with, can see your record. Every time someone looks at it, changes it or downloads it, OpenDSR writes down who did it and when.

With your agreement, we share what is needed with the people at meetings about your care, such as a Care (Education) and Treatment Review. Figures we share outside {icb}, for example with NHS England, do not name anyone.

We do not sell your information or use it for advertising.

## How long we keep it
We do not delete records from the register: when something changes, we keep what it said before, so we can show what happened and when. We keep records for as long as NHS records management rules say we must.

## What you can ask us
You can ask to see what we keep about you, ask us to correct it, or tell us you no longer agree to be on the register. Contact us using the details on this page.

If you are not happy with how we use your information, you can complain to the Information Commissioner's Office (ICO) at ico.org.uk/make-a-complaint."""


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" or "paragraph"
    text: str


def standard(icb) -> str:
    return STANDARD.format(icb=icb.name, recheck=timescales()["recheck_consent"])


def _normal(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in (text or "").strip().splitlines())


def is_standard(text: str, icb) -> bool:
    """Whether the notice as saved is the standard wording (or nothing), so it follows OpenDSR's own."""
    return not (text or "").strip() or _normal(text) == _normal(standard(icb))


def notice(front_door) -> list[Block]:
    """The ICB's notice, or the standard wording, as headings and paragraphs of plain text."""
    text = front_door.privacy_notice.strip() or standard(front_door.icb)
    blocks = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        while lines and lines[0].startswith("#"):
            blocks.append(Block("heading", lines.pop(0).lstrip("#").strip()))
        if lines:
            blocks.append(Block("paragraph", " ".join(lines)))
    return [block for block in blocks if block.text]
