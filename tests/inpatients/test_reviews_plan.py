"""The 12-point discharge plan on the C(E)TR pages: the meeting page and the report show where the plan is."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from opendsr.inpatients import services
from opendsr.inpatients.queries import discharge_plan_for
from opendsr.reviews import report
from tests.inpatients.helpers import admission_answers
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(person, case_manager):
    admission = services.record_admission(person=person, by=case_manager, **admission_answers())
    item = admission.plan_items.get(point="7")
    services.update_plan_item(
        item=item,
        by=case_manager,
        status="in_progress",
        owner="Council housing team",
        target_on=dt.date(2027, 5, 3),
    )
    return admission


def test_discharge_plan_for_gives_the_current_admissions_plan(person, planned):
    plan = discharge_plan_for(person)
    assert plan.admission == planned
    assert plan.summary == "0 of 18 points done or not needed, 1 in progress"


def test_no_admission_no_plan(person):
    assert discharge_plan_for(person) is None


def test_the_meeting_page_shows_the_plan(login, case_manager, person, planned):
    review = ReviewFactory(person=person, kind="post_admission")
    page = html.unescape(login(case_manager).get(f"/reviews/{review.pk}/meeting/").content.decode())
    assert "12-point discharge plan" in page
    assert "7. Accommodation identified and secured, and adaptations completed" in page
    assert "Council housing team" in page


def test_the_report_shows_the_plan(login, case_manager, person, planned):
    review = ReviewFactory(person=person, kind="post_admission")
    page = html.unescape(login(case_manager).get(f"/reviews/{review.pk}/report/").content.decode())
    assert "Your plan for leaving hospital" in page
    assert "Council housing team, by 3 May 2027" in page
    pdf_html = html.unescape(report.report_html(review))
    assert "Your plan for leaving hospital" in pdf_html and "Council housing team" in pdf_html
