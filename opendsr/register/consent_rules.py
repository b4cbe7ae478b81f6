"""Who may give consent for a person of a given age, under the ICB's local consent rule.

Pure functions, no database. The national rule is s2.4 of the policy; the "cambridgeshire" rule is the
Cambridgeshire and Peterborough practice (document 003): under 14 parents consent, from 14 the young person
must agree. Adults, and anyone who lacks capacity, follow s2.4.1 in both.
"""

from __future__ import annotations

from dataclasses import dataclass

NATIONAL = "national"
CAMBRIDGESHIRE = "cambridgeshire"

PERSON = "person"
PARENTAL_RESPONSIBILITY = "parental_responsibility"
LPA = "lpa"
DEPUTY = "deputy"
BEST_INTERESTS = "best_interests"

# s2.4.1: when the person lacks capacity, a lawful representative or a best interests decision.
ON_BEHALF_OF_ADULT = (LPA, DEPUTY, BEST_INTERESTS)
ADULT_AGE = 18
PRESUMED_CAPACITY_AGE = 16  # s2.4.2: 16 and 17 year olds are presumed to have capacity
LOCAL_AGREEMENT_AGE = 14  # 003: "after 14 the person needs to agree"


@dataclass(frozen=True)
class ConsentRule:
    allowed: tuple[str, ...]  # who may give consent
    explanation: str  # what the consent form says applies
    person_needs_competence_note: bool = False  # the person consenting must be shown to be competent


def rule_for(rule: str, age: int) -> ConsentRule:
    """The consent rule for a person of this age (whole years) under the ICB's setting."""
    if age >= ADULT_AGE:
        return ConsentRule(
            allowed=(PERSON, *ON_BEHALF_OF_ADULT),
            explanation=(
                "Adults give their own consent. If they lack capacity for this decision, consent comes from the "
                "holder of a health and welfare Lasting Power of Attorney or a court-appointed deputy; if there "
                "is none, a best interests decision is made under the Mental Capacity Act 2005 (policy s2.4.1)."
            ),
        )
    if rule == CAMBRIDGESHIRE:
        if age < LOCAL_AGREEMENT_AGE:
            return ConsentRule(
                allowed=(PARENTAL_RESPONSIBILITY,),
                explanation=(
                    "Under 14: someone with parental responsibility gives consent. Involve the child as fully "
                    "as they can be (local rule)."
                ),
            )
        return ConsentRule(
            allowed=(PERSON, BEST_INTERESTS),
            explanation=(
                "From 14 the young person must agree to be on the register themselves. If they lack capacity "
                "for this decision, a best interests decision is needed (local rule)."
            ),
        )
    if age >= PRESUMED_CAPACITY_AGE:
        return ConsentRule(
            allowed=(PERSON, PARENTAL_RESPONSIBILITY, DEPUTY, BEST_INTERESTS),
            explanation=(
                "Young people aged 16 or 17 are presumed to have capacity and give their own consent "
                "(policy s2.4.2). If they lack capacity for this decision, consent comes from someone with "
                "parental responsibility or a deputy, or a best interests decision is made (s2.4.1)."
            ),
        )
    return ConsentRule(
        allowed=(PERSON, PARENTAL_RESPONSIBILITY),
        explanation=(
            "Under 16: the child gives consent if they have the competence and understanding to appreciate what "
            "is involved (Gillick competence); otherwise someone with parental responsibility consents for them "
            "(policy s2.4.2)."
        ),
        person_needs_competence_note=True,
    )


def problems(rule: str, age: int, *, given_by: str, capacity_notes: str, best_interests_record: str) -> dict:
    """What is wrong with who gave consent, by form field; empty when it is allowed."""
    found: dict[str, str] = {}
    applies = rule_for(rule, age)
    if given_by not in applies.allowed:
        found["given_by"] = "Under the consent rule for their age, consent cannot come from who you chose"
        return found
    if given_by == PERSON and applies.person_needs_competence_note and not capacity_notes.strip():
        found["capacity_notes"] = (
            "Say how you judged that they understand what is involved (Gillick competence)"
        )
    if given_by in ON_BEHALF_OF_ADULT and not capacity_notes.strip():
        found["capacity_notes"] = "Say how you assessed that they lack capacity for this decision"
    if given_by == BEST_INTERESTS and not best_interests_record.strip():
        found["best_interests_record"] = (
            "Record the best interests decision: who made it, who was involved and why"
        )
    return found
