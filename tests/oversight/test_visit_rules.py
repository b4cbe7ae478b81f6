"""Appendix 4: most sit-and-see visits last no less than three hours; a shorter one is kept with its reason."""

from opendsr.oversight.visits.rules import length_in_words, length_problem, short_sit_and_see_problem


def test_a_sit_and_see_of_two_hours_fifty_nine_needs_a_reason():
    problem = short_sit_and_see_problem(sit_and_see=True, minutes=179, shorter_because="")
    assert problem.startswith("A sit-and-see visit should last at least 3 hours (Appendix 4)")
    assert "This one lasted 2 hours 59 minutes" in problem


def test_a_sit_and_see_of_three_hours_or_a_shorter_one_with_a_reason_is_fine():
    assert short_sit_and_see_problem(sit_and_see=True, minutes=180, shorter_because="") is None
    assert short_sit_and_see_problem(sit_and_see=True, minutes=90, shorter_because="Fire alarm") is None


def test_an_ordinary_visit_may_be_short():
    assert short_sit_and_see_problem(sit_and_see=False, minutes=30, shorter_because="") is None


def test_a_visit_lasts_some_time_but_not_more_than_a_day():
    assert length_problem(None) == "Enter how long the visit lasted"
    assert length_problem(0) == "Enter how long the visit lasted"
    assert length_problem(24 * 60 + 1) == "How long the visit lasted must be 24 hours or less"
    assert length_problem(45) is None
    assert length_in_words(61) == "1 hour 1 minute"
