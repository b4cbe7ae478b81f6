"""Steps for keeping one record per person: possible duplicates, merging and undoing it, marking two records as
different people, and moving someone to another ICB's register."""

from .common import (
    then_i_see,
    when_i_choose,
    when_i_fill_in,
    when_i_follow,
    when_i_go_to,
    when_i_press,
    when_i_press_the_start_button,
    when_i_select,
)

# -------------------------------------------------------------------------------------------------- when


def when_i_open_the_person_page_of(j, person):
    when_i_go_to(j, f"/people/{person.pk}/")


def when_i_open_the_possible_duplicates(j):
    when_i_go_to(j, "/records/duplicates/")


def when_i_merge_keeping(j, *values: str, reason: str):
    """On the side-by-side page: keep the first record, take each named value, check, then merge."""
    when_i_choose(j, *values)
    when_i_fill_in(j, {"Why are these the same person? (optional)": reason})
    when_i_press(j, "Continue")
    then_i_see(j, "Check before merging these records")
    when_i_press(j, "Merge these records")


def when_i_undo_the_merge(j, *, reason: str):
    when_i_press_the_start_button(j, "Undo this merge")
    when_i_press(j, "Undo the merge")
    then_i_see(j, "Say why the merge is being undone")
    when_i_fill_in(j, {"Why are you undoing this merge?": reason})
    when_i_press(j, "Undo the merge")


def when_i_mark_them_as_different_people(j, names: str, *, reason: str):
    """From the row of the pair on the possible duplicates list."""
    j.page.locator("tbody tr", has_text=names).get_by_role("link", name="Not the same person").click()
    j.check()
    when_i_fill_in(j, {"How do you know they are different people?": reason})
    when_i_press(j, "Mark as different people")


def when_i_propose_a_move(j, *, to: str, reason: str):
    when_i_follow(j, "Move to another ICB's register")
    when_i_select(j, {"Which ICB are they moving to?": to})
    when_i_fill_in(j, {"Why are they moving?": reason})
    when_i_press(j, "Propose the move")


def when_i_answer_the_move(j, answer: str, *, reason: str = ""):
    when_i_choose(j, answer)
    if reason:
        when_i_fill_in(j, {"Your reason": reason})
    when_i_press(j, "Send your answer")
