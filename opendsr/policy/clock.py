"""The policy clock: one person's facts and timeline, and a date, in; every obligation the policy places on
the local system for that person out, each with its due date and, where met, the date it was met.

Everything in OpenDSR that says what is due (work queues, reminders, reports, oversight cohorts) reads from
`obligations_for`. It is a pure function: no database, no clock; `today` matters only for the status of an
obligation and for rules that fire on elapsed time (a stay reaching 6 or 12 months, s18). Events dated after
`today` are taken as recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from opendsr.policy.model import Event, Obligation, PersonFacts
from opendsr.policy.rules.admission import admission_obligations
from opendsr.policy.rules.consent import consent_obligations
from opendsr.policy.rules.leaving import end_when_left
from opendsr.policy.rules.oversight import oversight_visit_obligations, panel_obligations
from opendsr.policy.rules.referral import referral_obligations
from opendsr.policy.rules.reviews import report_obligations
from opendsr.policy.rules.stratification import stratification_obligations
from opendsr.policy.timeline import Context, Timeline

Rule = Callable[[Context], Iterator[Obligation]]

# The ICS oversight panel comes last: it looks at how the C(E)TR obligations before it were met.
RULES: tuple[Rule, ...] = (
    referral_obligations,
    stratification_obligations,
    consent_obligations,
    admission_obligations,
    report_obligations,
    oversight_visit_obligations,
    panel_obligations,
)


def obligations_for(facts: PersonFacts, events: Iterable[Event], today: dt.date) -> list[Obligation]:
    """Every obligation for one person: open ones, and met ones kept as a record.

        Events may come in any order: they are sorted by date, and events on one date keep the order given (or
        their `seq`). Obligations of an admission still open when the person was discharged are left out; those
    still open when the person left the register end there (`rules/leaving.py`).
    """
    context = Context(facts, Timeline(events), today)
    obligations: list[Obligation] = []
    for rule in RULES:
        obligations.extend(rule(context))
    return end_when_left(obligations, context.timeline)
