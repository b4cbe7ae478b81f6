"""What pages show for ratings, obligations, reviews and deadlines: the same words and colours everywhere."""

import datetime as dt

from opendsr.web.presenters import (
    active_tag,
    due_tag,
    obligation_tag,
    rating_tag,
    review_status_tag,
    task_status,
)

TODAY = dt.date(2027, 3, 1)


def test_ratings_show_in_their_own_colours_and_amber_is_orange():
    assert rating_tag("red").macro() == {"text": "Red", "classes": "nhsuk-tag--red"}
    assert rating_tag("amber").macro("app-rating") == {
        "text": "Amber",
        "classes": "nhsuk-tag--orange app-rating",
    }
    assert rating_tag("green").classes == "nhsuk-tag--green"
    assert rating_tag("blue").classes == "nhsuk-tag--blue"
    assert rating_tag("not_eligible").text == "Not eligible"


def test_someone_without_a_rating_reads_not_rated():
    assert rating_tag("").text == rating_tag(None).text == "Not rated"


def test_an_overdue_obligation_is_red_and_a_met_one_green():
    assert obligation_tag("overdue").macro() == {"text": "Overdue", "classes": "nhsuk-tag--red"}
    assert obligation_tag("met").macro() == {"text": "Met", "classes": "nhsuk-tag--green"}
    assert obligation_tag("ended").text == "Ended"


def test_a_review_status_keeps_its_words_and_takes_its_colour():
    assert review_status_tag("held", "Held, report to send").macro() == {
        "text": "Held, report to send",
        "classes": "nhsuk-tag--yellow",
    }
    assert review_status_tag("cancelled", "Cancelled").classes == "nhsuk-tag--grey"


def test_a_deadline_reads_as_overdue_due_or_done():
    assert due_tag(dt.date(2027, 2, 26), TODAY).macro() == {
        "text": "3 days overdue",
        "classes": "nhsuk-tag--red",
    }
    assert due_tag(dt.date(2027, 3, 3), TODAY).text == "due in 2 days"
    assert due_tag(TODAY, TODAY).text == "due today"
    assert due_tag(dt.date(2027, 2, 1), TODAY, met_on=dt.date(2027, 2, 20)).text == "Done 20 February 2027"
    assert due_tag(None, TODAY) is None


def test_an_account_is_active_or_deactivated():
    assert active_tag(True).text == "Active"
    assert active_tag(False).macro() == {"text": "Deactivated", "classes": "nhsuk-tag--grey"}
    assert active_tag(False, inactive="Replaced").text == "Replaced"


def test_a_task_cannot_start_until_what_it_needs_is_done():
    assert task_status(done=True) == {"text": "Completed"}
    assert task_status(done=False, can_start=False)["text"] == "Cannot start yet"
    assert task_status(done=False, started=True)["tag"]["text"] == "In progress"
    assert task_status(done=False)["tag"] == {"text": "Not started", "classes": "nhsuk-tag--blue"}
