"""Checks on a visit that need no database: plain values in, a message (or nothing) out."""

from __future__ import annotations

# Appendix 4: "Most sit and see visits should last no less than three hours – to ensure a meaningful overview
# of the setting and care can be gathered."
SIT_AND_SEE_MINUTES = 3 * 60
LONGEST_VISIT_MINUTES = 24 * 60  # a visit is recorded for one day


def length_in_words(minutes: int) -> str:
    """ "3 hours", "2 hours 30 minutes", "45 minutes"."""
    hours, rest = divmod(int(minutes or 0), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def length_problem(minutes: int | None) -> str | None:
    """What is wrong with a visit's length, or None."""
    if minutes is None or minutes <= 0:
        return "Enter how long the visit lasted"
    if minutes > LONGEST_VISIT_MINUTES:
        return "How long the visit lasted must be 24 hours or less"
    return None


def short_sit_and_see(*, sit_and_see: bool, minutes: int | None) -> bool:
    """A sit-and-see observation shorter than Appendix 4's three hours."""
    return bool(sit_and_see) and minutes is not None and 0 < minutes < SIT_AND_SEE_MINUTES


def short_sit_and_see_problem(*, sit_and_see: bool, minutes: int | None, shorter_because: str) -> str | None:
    """Appendix 4 asks that most sit-and-see visits last at least three hours: a shorter one is kept only with
    the reason it was shorter, so that the C(E)TR panel can weigh what it saw."""
    if short_sit_and_see(sit_and_see=sit_and_see, minutes=minutes) and not (shorter_because or "").strip():
        return (
            f"A sit-and-see visit should last at least {length_in_words(SIT_AND_SEE_MINUTES)} (Appendix 4). "
            f"This one lasted {length_in_words(minutes)}: say why it was shorter, or correct how long it lasted"
        )
    return None


# Appendix 4's observation headings, in its order, each with the questions it asks the visitor (abridged).
APPENDIX_4: list[tuple[str, str, str]] = [
    (
        "environment",
        "The environment",
        "Using your senses: how does the ward or unit feel, sound and smell, and what is the atmosphere like? "
        "Is there a welcome, clear and accessible signs and information (easy read), visiting times, and who "
        "the staff team and ward manager are?",
    ),
    (
        "safety",
        "Is it safe?",
        "Do staff think safety is important? Is it clean and well maintained, including bedrooms and "
        "bathrooms? How are medicines managed? Is CCTV used? Are hand gels, drinks and help with eating "
        "available, and security and fire procedures evident?",
    ),
    (
        "caring",
        "Is it caring and involving?",
        "Do staff know their patients well and interact positively? Are dignity and privacy respected? Are "
        "people and carers involved in their care, with information on advocacy and how to complain in an "
        "accessible format? Are reasonable adjustments made?",
    ),
    (
        "organised",
        "Is it well organised and calm?",
        "Does the ward feel calm or chaotic, even when busy? Is it uncluttered, with clear signs? Do staff have "
        "the essential information about each patient to hand?",
    ),
    ("anything_else", "Anything else", "Anything else you saw or heard that the C(E)TR panel should know."),
]
