"""When two records may be one person: the rules, without the database."""

import datetime as dt

from opendsr.records import rules
from opendsr.records.rules import Someone


def someone(pk, given="Ada", family="Lovelace", born=dt.date(1995, 12, 10), nhs=""):
    return Someone(pk=pk, given_name=given, family_name=family, date_of_birth=born, nhs_number=nhs)


def test_the_same_nhs_number_is_a_possible_duplicate_whatever_the_name():
    why = rules.why_alike(
        someone(1, nhs="9434765919"), someone(2, "Bob", "Smith", dt.date(2001, 1, 1), "9434765919")
    )
    assert why == rules.SAME_NHS_NUMBER


def test_a_similar_name_with_the_same_date_of_birth_is_a_possible_duplicate():
    assert rules.why_alike(someone(1), someone(2, "Ada", "Lovelase")) == rules.SIMILAR_NAME_SAME_BIRTH
    assert rules.why_alike(someone(1), someone(2, "Lovelace", "Ada")) == rules.SIMILAR_NAME_SAME_BIRTH
    assert rules.why_alike(someone(1), someone(2, "ADA", "lovelace")) == rules.SIMILAR_NAME_SAME_BIRTH
    assert (
        rules.why_alike(someone(1, "Zoë", "O'Neill"), someone(2, "Zoe", "O Neill"))
        == rules.SIMILAR_NAME_SAME_BIRTH
    )


def test_a_different_name_with_the_same_date_of_birth_is_not():
    assert rules.why_alike(someone(1), someone(2, "Grace", "Hopper")) is None


def test_the_same_name_with_a_date_of_birth_one_digit_apart_is_a_possible_duplicate():
    assert rules.why_alike(someone(1), someone(2, born=dt.date(1995, 12, 11))) == rules.SAME_NAME_BIRTH_TYPO
    assert rules.why_alike(someone(1), someone(2, born=dt.date(1996, 12, 10))) == rules.SAME_NAME_BIRTH_TYPO


def test_the_same_name_with_day_and_month_swapped_is_a_possible_duplicate():
    assert rules.why_alike(someone(1, born=dt.date(1995, 3, 4)), someone(2, born=dt.date(1995, 4, 3))) == (
        rules.SAME_NAME_BIRTH_TYPO
    )


def test_the_same_name_born_years_apart_is_not():
    assert rules.why_alike(someone(1), someone(2, born=dt.date(2005, 1, 20))) is None


def test_each_pair_is_found_once_among_many():
    people = [
        someone(1),
        someone(2, "Ada", "Lovelase"),
        someone(3, "Grace", "Hopper"),
        someone(4, nhs="1"),
        someone(5, "X", "Y", dt.date(2000, 1, 1), "1"),
    ]
    pairs = rules.possible_duplicates(people)
    assert [(p.first.pk, p.second.pk) for p in pairs] == [(1, 2), (1, 4), (2, 4), (4, 5)]
