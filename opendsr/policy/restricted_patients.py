"""Restricted patients: people detained under a section of the Mental Health Act 1983 that carries a Ministry of
Justice restriction order, so the Ministry oversees their leave, transfer and discharge (001 Appendix 10; s2.3
includes them in the policy once they are admitted to hospital).

After each CTR of a restricted patient the responsible clinician tells the Ministry of Justice the outcome
(`rules.admission`), and an adult restricted patient's long stay does not raise the 12-month oversight visit
(s18, `rules.oversight`).
"""

from __future__ import annotations

# Appendix 10 (and gov.uk "the restricted patient system"): a hospital order with restrictions (s37/41) or a
# transfer from prison with restrictions (s47/49). The values are the inpatient record's Mental Health Act status.
RESTRICTED_SECTIONS = frozenset({"s37_41", "s47_49"})

RESTRICTED_BASIS = (
    "Appendix 10: a patient detained under section 37/41 or 47/49 of the Mental Health Act is subject to "
    "Ministry of Justice restrictions"
)


def is_restricted(section: str | None) -> bool:
    """Whether detention under this Mental Health Act section makes the person a restricted patient
    (Appendix 10). Informal admission, or a section with no restriction order, does not."""
    return section in RESTRICTED_SECTIONS
