"""Fail when a view reaches for people's records without going through the access module.

Every query about people in a view must start from `access.people_for(user)` (or `access.person_for`), so that
nobody ever sees another ICB's person. This check reads each app's views.py and rejects `Person.objects`,
and the unscoped managers of models that hold a person's data.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNSCOPED = re.compile(
    r"\b(Person|TimelineEvent|Obligation|Referral|RatingDecision|Consent\w*|Review|Carer|RegisterExit|Admission|Transfer|WardRating|RestrictiveEpisode|DischargePlanItem|MojContact)\.objects\b"
)


def main() -> int:
    problems = []
    for path in sorted((ROOT / "opendsr").glob("*/views*.py")) + sorted(
        (ROOT / "opendsr").glob("*/views/*.py")
    ):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if UNSCOPED.search(line) and "# scoped:" not in line:
                problems.append(
                    f"{path.relative_to(ROOT)}:{number}: unscoped query in a view: {line.strip()}"
                )
    for problem in problems:
        print(problem)
    if problems:
        print("Start from access.people_for(request.user) or a query function that takes the user.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
