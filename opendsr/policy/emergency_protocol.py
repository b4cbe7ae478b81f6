"""The local area emergency protocol (LAEP): a meeting called in a crisis, when admission is being thought about
and there is no time to hold a community C(E)TR (001 s14.1, Appendix 8; 000 Part 1).

It is not a C(E)TR and is never counted as one: after a LAEP and an admission, the post-admission C(E)TR is still
due (Table 2, s14.2; the clock reads `laep_held` and does not let it meet a review). What is here is the
protocol's own content, for the people recording the meeting: who takes part, the questions that focus the
discussion, the preference list for where support is given, and the checks on what was decided.
"""

from __future__ import annotations

from enum import StrEnum


class Participant(StrEnum):
    """Appendix 8, "Role": who takes part, and why."""

    PERSON = "person"  # "to give a first-hand account of issues and what would help"
    FAMILY = "family"
    PSYCHIATRIST = "psychiatrist"
    COMMUNITY_NURSE = "community_nurse"  # community learning disability nurse: co-ordination
    SOCIAL_WORKER = "social_worker"
    ADVOCATE = "advocate"  # IMHA, IMCA or independent advocate
    COMMISSIONER = "commissioner"  # organises and chairs it; funds alternatives to institutional care
    GP = "gp"
    EDUCATION = "education"  # school, education provider or commissioner


# Appendix 8: "Questions that help focus discussions", asked in the person's voice, in the policy's order.
FOCUSING_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("understanding_me", "Gather a pen picture. ‘Understanding me’"),
    ("views", "What are my and my family’s or carers’ views of the current situation?"),
    (
        "health",
        "What are my symptoms? How is my physical health? Does any of this mean I need to be in hospital? "
        "Have I had an annual health check and do I have a health action plan?",
    ),
    (
        "risks",
        "What are the current issues and risks, and how can I stay safe and keep others around me safe?",
    ),
    (
        "what_works",
        "What’s working well and what doesn’t work? (Everyone’s views, including about what has helped me before.)",
    ),
    ("support_in_place", "What support has been or can be put in place so I can stay in the community?"),
    (
        "treatment",
        "What treatment am I currently receiving, including medication, therapy, diet and care? Does this need "
        "reviewing? Is it helping?",
    ),
    ("community_setting", "Can the care, education and treatment I need be given in a community setting?"),
    ("additional_support", "What additional support is needed to keep me and others safe in the community?"),
    (
        "resources",
        "What resources are available, or can be created or used in a different way, to support me?",
    ),
    (
        "family_support",
        "What additional support does my family or do my carers need? Has there been a carers assessment?",
    ),
    ("advocacy", "Do I have advocacy to support me to understand my care and treatment?"),
    ("reason_for_admission", "What is the reason for considering inpatient admission?"),
    ("admission_outcomes", "What would the outcomes of an admission be for me?"),
    (
        "admission_impact",
        "What would the impact of admission be on me and others around me? (For example, moving away from home "
        "and the people I know to a new environment.)",
    ),
)
QUESTION_KEYS = tuple(key for key, _ in FOCUSING_QUESTIONS)


class SupportOption(StrEnum):
    """Appendix 8, "Preference list": where support is given, in the policy's order of preference."""

    HOME = "home"  # Preference 1: support at home, with the help given there
    LOCAL_NON_INPATIENT = "local_non_inpatient"  # Preference 2: residential nursing or a short break service
    LOCAL_INPATIENT = "local_inpatient"  # Preference 3: an inpatient service in the local ICS area
    OUT_OF_AREA = "out_of_area"  # only with the commissioner's approval, time limited


# "No placement should take place ‘out of area’ without the commissioner’s agreement" (Appendix 8).
NEEDS_COMMISSIONER_APPROVAL = frozenset({SupportOption.OUT_OF_AREA})
PREFERENCE_ORDER = (SupportOption.HOME, SupportOption.LOCAL_NON_INPATIENT, SupportOption.LOCAL_INPATIENT)


class Outcome(StrEnum):
    ADMISSION_AVOIDED = "admission_avoided"
    ADMITTED = "admitted"
    OTHER = "other"


def preference_problems(considered: list[str], preferences: list[str]) -> dict[str, str]:
    """What is wrong with a preference list (first, second, third; empty places left out), by its place:
    each preference is an option the meeting considered, and none is chosen twice."""
    problems: dict[str, str] = {}
    seen: set[str] = set()
    for place, option in enumerate(preferences, start=1):
        if not option:
            continue
        if option not in considered:
            problems[f"preference_{place}"] = "Choose an option the meeting considered"
        elif option in seen:
            problems[f"preference_{place}"] = "Choose each option once in the preference list"
        seen.add(option)
    if preferences and not preferences[0]:
        problems["preference_1"] = "Choose the first preference"
    elif len(preferences) > 2 and preferences[2] and not preferences[1]:
        problems["preference_2"] = "Choose the second preference before the third"
    return problems


def needs_out_of_area_approval(preferences: list[str]) -> bool:
    """An out-of-area placement is on the preference list: the commissioner must approve it (Appendix 8)."""
    return any(option in NEEDS_COMMISSIONER_APPROVAL for option in preferences if option)


def departs_from_preference_order(preferences: list[str]) -> bool:
    """The first preference is not the most preferred option the policy allows: the meeting says why the ones
    before it (home first) cannot work."""
    first = preferences[0] if preferences else ""
    return bool(first) and first != SupportOption.HOME
