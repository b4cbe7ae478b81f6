"""When two records may be the same person: plain functions over plain data, no database.

Two records are a possible duplicate when they have
- the same NHS number;
- a similar name (fuzzy: a slip of a letter or two, names swapped round, a middle name left out) and the same date
  of birth; or
- the same name and a date of birth one typo away: one digit different, or the day and month swapped.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

SIMILAR_NAME = (
    85  # rapidfuzz's token-sort ratio (0-100) from which two names with one date of birth are alike
)
SAME_NHS_NUMBER = "The same NHS number"
SIMILAR_NAME_SAME_BIRTH = "A similar name and the same date of birth"
SAME_NAME_BIRTH_TYPO = "The same name and a date of birth one typo apart"


@dataclass(frozen=True)
class Someone:
    pk: int
    given_name: str
    family_name: str
    date_of_birth: dt.date | None
    nhs_number: str = ""


@dataclass(frozen=True)
class Alike:
    first: Someone
    second: Someone
    why: str


def normal_name(someone: Someone) -> str:
    """The name without case, accents, punctuation or extra spaces: "Zoë O'Neill" reads "zoe o neill"."""
    text = unicodedata.normalize("NFKD", f"{someone.given_name} {someone.family_name}")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def similar_names(a: Someone, b: Someone) -> bool:
    first, second = normal_name(a), normal_name(b)
    if not first or not second:
        return False
    return fuzz.token_sort_ratio(first, second) >= SIMILAR_NAME or fuzz.token_set_ratio(first, second) == 100


def one_typo_apart(a: dt.date | None, b: dt.date | None) -> bool:
    """Dates of birth that differ by one digit (as dd/mm/yyyy), or by the day and month swapped round."""
    if a is None or b is None or a == b:
        return False
    first, second = a.strftime("%d%m%Y"), b.strftime("%d%m%Y")
    if sum(x != y for x, y in zip(first, second, strict=True)) == 1:
        return True
    return a.year == b.year and (a.day, a.month) == (b.month, b.day)


def why_alike(a: Someone, b: Someone) -> str | None:
    """Why two records may be the same person, or None."""
    if a.nhs_number and a.nhs_number == b.nhs_number:
        return SAME_NHS_NUMBER
    if a.date_of_birth is not None and a.date_of_birth == b.date_of_birth and similar_names(a, b):
        return SIMILAR_NAME_SAME_BIRTH
    if (
        normal_name(a)
        and normal_name(a) == normal_name(b)
        and one_typo_apart(a.date_of_birth, b.date_of_birth)
    ):
        return SAME_NAME_BIRTH_TYPO
    return None


def possible_duplicates(people: Iterable[Someone]) -> list[Alike]:
    """Every pair of possible duplicates among these people, each pair once, the lower id first.

    Only records that share an NHS number, a date of birth or a name are compared, so a large register is read once.
    """
    people = list(people)
    groups: dict[tuple, list[Someone]] = defaultdict(list)
    for someone in people:
        if someone.nhs_number:
            groups[("nhs", someone.nhs_number)].append(someone)
        if someone.date_of_birth is not None:
            groups[("born", someone.date_of_birth)].append(someone)
        if normal_name(someone):
            groups[("name", normal_name(someone))].append(someone)
    pairs: dict[tuple[int, int], Alike] = {}
    for group in groups.values():
        for a, b in combinations(sorted(group, key=lambda s: s.pk), 2):
            if (a.pk, b.pk) in pairs or a.pk == b.pk:
                continue
            why = why_alike(a, b)
            if why:
                pairs[(a.pk, b.pk)] = Alike(a, b, why)
    return [pairs[key] for key in sorted(pairs)]
