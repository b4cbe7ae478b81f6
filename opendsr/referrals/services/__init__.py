"""Writing referrals and their letters: one function for each thing a user does, all or nothing, in a module
for each step.

`recording` (a new referral), `acknowledging` (the acknowledgement, and the receipt for a referral sent online),
`outcome` (telling the outcome by letter, email or phone), `disputes` (disputes, and withdrawing a referral
recorded in error), `sending` (writing a letter from its template, recording it, emailing it after commit),
`addressing` (who a letter can go to, and where) and `templates` (the ICB's wording of each letter). Reads for
pages are in `opendsr.referrals.queries`. The names below are the ones other rooms and the tests use.
"""

from opendsr.referrals.services.acknowledging import acknowledge, email_receipt
from opendsr.referrals.services.addressing import (
    default_method,
    family_of,
    letter_address,
    recipient_address,
    recipients_for,
)
from opendsr.referrals.services.common import latest_decision
from opendsr.referrals.services.disputes import decide_dispute, record_dispute, withdraw_referral
from opendsr.referrals.services.outcome import record_outcome_by_phone, send_outcome
from opendsr.referrals.services.recording import REFERRAL_FIELDS, record_referral
from opendsr.referrals.services.sending import (
    deliver_letter,
    easy_read_by_default,
    large_print,
    letter_values,
    preview,
    retry_letter,
)
from opendsr.referrals.services.templates import template_for, templates_for, update_template

__all__ = [
    "REFERRAL_FIELDS",
    "acknowledge",
    "decide_dispute",
    "default_method",
    "deliver_letter",
    "easy_read_by_default",
    "large_print",
    "email_receipt",
    "family_of",
    "latest_decision",
    "letter_address",
    "letter_values",
    "preview",
    "recipient_address",
    "recipients_for",
    "record_dispute",
    "record_outcome_by_phone",
    "record_referral",
    "retry_letter",
    "send_outcome",
    "template_for",
    "templates_for",
    "update_template",
    "withdraw_referral",
]
