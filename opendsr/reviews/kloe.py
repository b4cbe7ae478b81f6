"""Key lines of enquiry (Appendix 3; 000 "During the C(E)TR"): the prompts a panel works through under the six
questions, for community or inpatient reviews of children and young people or adults. These are the shipped
defaults; each ICB's DSR lead may edit them, which saves a new version (findings keep the version they used).
"""

from __future__ import annotations

from opendsr.reviews.models import KloePopulation, KloeSetting, KloeTemplate, Question

COMMON = {
    Question.SAFE: [
        "Does the person feel safe where they live, and with the people who support them?",
        "Are risks understood, written down and shared, with a plan the person and family know about?",
        "Is restrictive practice (restraint, seclusion, segregation, rapid tranquillisation) used? How often, "
        "and is there a plan to reduce it?",
        "Are there any safeguarding concerns? Have they been raised with the local authority?",
    ],
    Question.CARE: [
        "Is there a person-centred care plan with a contingency (crisis) plan, and does the person know it?",
        "Do staff understand the person's communication, sensory needs and reasonable adjustments?",
        "Are the person's human rights respected: dignity, privacy, family life, liberty?",
        "Do the person and their family feel listened to and involved in decisions?",
    ],
    Question.DAILY_LIFE: [
        "What does a good day look like for the person? How many good days do they have?",
        "Do they do things they enjoy, see friends and family, and take part in their community?",
        "Do they have enough to do, and choice and control over their day?",
    ],
    Question.PHYSICAL_HEALTH: [
        "Has the person had an annual health check and a health action plan?",
        "Are medicines reviewed (STOMP: stopping over-medication; STAMP for children and young people)? Are "
        "psychotropic medicines prescribed for a diagnosed condition, at the lowest dose, and reviewed?",
        "Are dental, eyesight, hearing, weight, sleep and pain looked after?",
    ],
    Question.FUTURE: [
        "Is there a plan for the future that the person wants, with dates and named people?",
        "Is housing and support being found or commissioned? Is a personal budget or personal health budget "
        "offered?",
        "Does the person have a keyworker, advocate and lead professional who know them well?",
    ],
    Question.HOSPITAL: [],
}

COMMUNITY_HOSPITAL = [
    "What would help the person to stay out of hospital? Is intensive or crisis support in place?",
    "Has a Local Area Emergency Protocol (LAEP) been considered if admission is being thought about?",
    "What community alternatives to admission have been tried or could be arranged?",
]
INPATIENT_HOSPITAL = [
    "Does the person need to be in hospital for assessment or treatment that cannot be given in the community?",
    "Is the treatment in hospital working? What is it for, and when will it end?",
    "Is there a discharge plan with a date, the housing and support needed, and who is arranging it?",
    "If care could be given in the community, what stops it? Record why care cannot be given in the community.",
]
CHILD_EXTRAS = {
    Question.CARE: ["Is the education, health and care plan (EHCP) up to date and being delivered?"],
    Question.DAILY_LIFE: [
        "Is the child or young person getting the education they are entitled to? Are they in school?",
        "Are parents, carers and brothers and sisters supported (short breaks, carers assessment)?",
    ],
    Question.FUTURE: [
        "From 14, is there a plan for moving to adult services (transition), with adult teams involved?"
    ],
}


def default_prompts(setting: str, population: str) -> dict[str, list[str]]:
    prompts = {q: list(lines) for q, lines in COMMON.items()}
    prompts[Question.HOSPITAL] = list(
        INPATIENT_HOSPITAL if setting == KloeSetting.INPATIENT else COMMUNITY_HOSPITAL
    )
    if population == KloePopulation.CHILD:
        for question, extra in CHILD_EXTRAS.items():
            prompts[question] = prompts[question] + extra
    return {str(q): lines for q, lines in prompts.items()}


def current_template(icb, setting: str, population: str) -> KloeTemplate:
    """The ICB's active template, or the shipped defaults (unsaved) until the DSR lead edits them."""
    template = (
        KloeTemplate.objects.filter(icb=icb, setting=setting, population=population, active=True)
        .order_by("-version")
        .first()
    )
    if template is None:
        template = KloeTemplate(
            icb=icb,
            setting=setting,
            population=population,
            prompts=default_prompts(setting, population),
            version=0,
        )
    return template


def saved_template(template: KloeTemplate) -> KloeTemplate:
    """A template that findings can point to: the defaults are saved as version 1 the first time they are used."""
    if template.pk is None:
        template.version = 1
        template.save()
    return template


def set_slug(setting: str, population: str) -> str:
    return f"{setting}-{population}"


def parse_set_slug(slug: str) -> tuple[str, str] | None:
    setting, _, population = (slug or "").partition("-")
    if setting in KloeSetting.values and population in KloePopulation.values:
        return setting, population
    return None
