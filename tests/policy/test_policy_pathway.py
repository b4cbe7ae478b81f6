"""Table 2: the children and young people's pathway is under 18, or under 25 with an EHCP or tier 4 bed."""

from hypothesis import given
from hypothesis import strategies as st

from opendsr.policy import Pathway, age_on, pathway_on, transition_flag
from opendsr.policy.pathway import cyp_birth_cutoffs, latest_birth_date_at_age
from tests.policy.timelines import d

BORN = d("2009-03-14")


def test_under_18_is_on_the_cyp_pathway_until_the_day_before_the_18th_birthday():
    assert pathway_on(BORN, d("2027-03-13")) is Pathway.CYP
    assert pathway_on(BORN, d("2027-03-14")) is Pathway.ADULT


def test_an_ehcp_keeps_the_cyp_pathway_until_the_25th_birthday():
    assert pathway_on(BORN, d("2034-03-13"), has_ehcp=True) is Pathway.CYP
    assert pathway_on(BORN, d("2034-03-14"), has_ehcp=True) is Pathway.ADULT


def test_a_cyp_tier4_bed_keeps_the_cyp_pathway_until_25():
    assert pathway_on(BORN, d("2030-01-01"), in_cyp_tier4=True) is Pathway.CYP
    assert pathway_on(BORN, d("2030-01-01")) is Pathway.ADULT


def test_born_on_29_february_turns_18_on_1_march_in_a_common_year():
    born = d("2008-02-29")
    assert pathway_on(born, d("2026-02-28")) is Pathway.CYP
    assert pathway_on(born, d("2026-03-01")) is Pathway.ADULT


def test_transition_is_flagged_from_16_until_18():
    assert not transition_flag(BORN, d("2025-03-13"))
    assert transition_flag(BORN, d("2025-03-14"))
    assert transition_flag(BORN, d("2027-03-13"))
    assert not transition_flag(BORN, d("2027-03-14"))


@given(
    born=st.dates(min_value=d("1950-01-01"), max_value=d("2030-12-31")),
    on=st.dates(min_value=d("2020-01-01"), max_value=d("2040-12-31")),
    age=st.integers(min_value=0, max_value=30),
)
def test_born_after_the_cut_off_is_exactly_younger_than_the_age(born, on, age):
    assert (born > latest_birth_date_at_age(age, on)) == (age_on(born, on) < age)


@given(
    born=st.dates(min_value=d("1990-01-01"), max_value=d("2030-12-31")),
    on=st.dates(min_value=d("2020-01-01"), max_value=d("2040-12-31")),
    ehcp=st.booleans(),
    tier4=st.booleans(),
)
def test_the_birth_cut_offs_give_the_same_pathway_as_pathway_on(born, on, ehcp, tier4):
    under_18, under_25 = cyp_birth_cutoffs(on)
    cyp = born > under_18 or (born > under_25 and (ehcp or tier4))
    assert cyp == (pathway_on(born, on, has_ehcp=ehcp, in_cyp_tier4=tier4) is Pathway.CYP)
