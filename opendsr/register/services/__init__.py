"""Writes to the register: one function per thing a user does, each in one transaction, each audited.

Where a record is also a clock event (a rating decision, a consent), the service writes the timeline event with
`source` naming the record, and `record_event` re-derives the person's obligations in the same transaction.

One module per step a user takes: the person and their details (`people`), carers, instruments, rating,
consent and leaving. Callers import from those modules; the names are also gathered here.
"""

from opendsr.register.services.carers import CARER_FIELDS, add_carer, update_carer
from opendsr.register.services.common import as_loaded, check_date, check_version, not_in_future, record_audit
from opendsr.register.services.consent import (
    consent_rule_for,
    record_consent,
    record_consent_check,
    record_consent_refused,
    withdraw_consent,
)
from opendsr.register.services.instruments import add_instrument_version, saved_instrument
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.services.people import (
    CLOCK_FACTS,
    PERSON_FIELDS,
    allocate,
    check_for_duplicates,
    create_person,
    update_person,
)
from opendsr.register.services.rating import (
    CLOCK_RATINGS,
    ON_REGISTER_RATINGS,
    record_outcome_told,
    record_rating,
)

__all__ = [
    "CLOCK_FACTS",
    "PERSON_FIELDS",
    "allocate",
    "check_for_duplicates",
    "create_person",
    "update_person",
    "CARER_FIELDS",
    "add_carer",
    "update_carer",
    "add_instrument_version",
    "saved_instrument",
    "CLOCK_RATINGS",
    "ON_REGISTER_RATINGS",
    "record_outcome_told",
    "record_rating",
    "consent_rule_for",
    "record_consent",
    "record_consent_check",
    "record_consent_refused",
    "withdraw_consent",
    "remove_from_register",
    "as_loaded",
    "check_date",
    "check_version",
    "not_in_future",
    "record_audit",
]
