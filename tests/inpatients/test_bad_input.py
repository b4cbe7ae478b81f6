"""Every form on the inpatient record, sent back with its answers missing or wrong: the page says what to fix in
the NHS.UK error summary, keeps what was typed, and saves nothing (no record, no history, no clock event, no
audit row)."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from opendsr.accounts.models import AuditEvent
from opendsr.inpatients import models, services
from opendsr.register.models import TimelineEvent
from tests.inpatients.helpers import admission_answers

pytestmark = pytest.mark.django_db

KEPT = "Typed before the mistake"


def saved_rows() -> dict:
    counted = [
        models.Admission,
        models.Transfer,
        models.WardRating,
        models.RestrictiveEpisode,
        models.DischargePlanItem,
        models.MojContact,
    ]
    rows = {model.__name__: model.history.count() for model in counted}
    rows["events"] = TimelineEvent.objects.count()
    rows["audit"] = AuditEvent.objects.count()
    return rows


@pytest.fixture
def admission(person, case_manager):
    admission = services.record_admission(
        person=person, by=case_manager, **admission_answers(mha_status="s37_41")
    )
    services.record_episode(
        admission=admission,
        by=case_manager,
        kind="seclusion",
        started_on=dt.date(2027, 2, 10),
        reported_by="Ward manager",
    )
    return admission


# Each page, the answers a user got wrong (a date that is not a date, something required left empty, with one
# answer typed that must be kept), and what the page says to fix.
PAGES = [
    (
        "move/",
        {"moved_on_day": "31", "moved_on_month": "2", "moved_on_year": "2027", "reason": KEPT},
        "real date",
    ),
    ("cqc-rating/", {"rated_on_year": "2027", "notes": KEPT}, "There is a problem"),
    ("segregation/new/", {"kind": "lts", "notes": KEPT}, "There is a problem"),
    ("ministry-of-justice/", {"contacted_on_day": "", "reply": KEPT}, "There is a problem"),
    ("discharge/", {"discharged_on_day": "x", "post_discharge_plan": KEPT}, "There is a problem"),
]


@pytest.mark.parametrize(("page", "answers", "says"), PAGES, ids=[p[0].strip("/") for p in PAGES])
def test_an_inpatient_form_with_mistakes_says_what_to_fix_and_saves_nothing(
    page, answers, says, admission, person, case_manager, login
):
    before = saved_rows()
    response = login(case_manager).post(f"/people/{person.pk}/inpatient/{admission.pk}/{page}", answers)
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "<title>Error: " in body and "There is a problem" in body and says in body
    assert KEPT in body
    assert saved_rows() == before
    admission.refresh_from_db()
    assert admission.is_open


def test_an_episode_and_a_plan_point_with_mistakes_say_what_to_fix_and_save_nothing(
    admission, person, case_manager, login
):
    client = login(case_manager)
    episode = admission.episodes.get()
    item = admission.plan_items.get(point="7")
    before = saved_rows()
    for url, answers in (
        (
            f"/people/{person.pk}/inpatient/episodes/{episode.pk}/",
            {"kind": "seclusion", "started_on_day": "", "reported_by": KEPT},
        ),
        (
            f"/people/{person.pk}/inpatient/plan/{item.pk}/",
            {"status": "in_progress", "owner": "", "target_on_day": "40", "note": KEPT},
        ),
    ):
        body = html.unescape(client.post(url, answers).content.decode())
        assert "<title>Error: " in body and "There is a problem" in body and KEPT in body
    assert saved_rows() == before
