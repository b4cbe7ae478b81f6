"""Restricted patients (001 Appendix 10): detained under a section with a Ministry of Justice restriction order."""

import pytest

from opendsr.policy.restricted_patients import is_restricted


@pytest.mark.parametrize("section", ["s37_41", "s47_49"])
def test_a_hospital_order_or_prison_transfer_with_restrictions_makes_a_restricted_patient(section):
    assert is_restricted(section)


@pytest.mark.parametrize("section", ["informal", "s2", "s3", "s37", "other", "", None])
def test_informal_admission_or_a_section_with_no_restriction_order_does_not(section):
    assert not is_restricted(section)
