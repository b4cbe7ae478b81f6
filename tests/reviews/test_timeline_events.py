"""What organising and running a C(E)TR puts on the person's timeline for the clock: the review arranged for a
date (`cetr_planned`, kept in step with the date and voided when the review is cancelled) and a safeguarding
referral made from a review (`safeguarding_referral`, Appendix 6)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from opendsr.register.models import TimelineEvent
from opendsr.reviews.services.meeting import raise_safeguarding, record_safeguarding_referral
from opendsr.reviews.services.organising import cancel_review, organise_review, update_arrangements

pytestmark = pytest.mark.django_db


def _live(person, type_):
    return list(
        TimelineEvent.objects.filter(person=person, type=type_, voided_at__isnull=True).values_list(
            "date", "data", "source"
        )
    )


def _arrange(review, by, on):
    update_arrangements(
        review=review, by=by, scheduled_for=on, venue="Northdale Resource Centre", video_link=""
    )


def test_arranging_a_review_puts_its_date_on_the_timeline_and_a_new_date_replaces_it(
    person, case_manager, today
):
    review = organise_review(person=person, by=case_manager, kind="community")
    assert _live(person, "cetr_planned") == []
    _arrange(review, case_manager, today + dt.timedelta(days=20))
    source = f"review_planned:{review.pk}"
    assert _live(person, "cetr_planned") == [(today, {"planned_date": "2027-03-21"}, source)]

    _arrange(review, case_manager, today + dt.timedelta(days=20))  # the venue changed, not the date
    assert TimelineEvent.objects.filter(person=person, type="cetr_planned").count() == 1

    _arrange(review, case_manager, today + dt.timedelta(days=27))
    assert _live(person, "cetr_planned") == [(today, {"planned_date": "2027-03-28"}, source)]
    voided = TimelineEvent.objects.get(person=person, type="cetr_planned", voided_at__isnull=False)
    assert voided.voided_reason == "The review's date changed"


def test_a_review_recorded_after_it_took_place_was_arranged_by_its_date(person, case_manager, today):
    review = organise_review(person=person, by=case_manager, kind="community")
    _arrange(review, case_manager, today - dt.timedelta(days=9))
    assert _live(person, "cetr_planned") == [
        (today - dt.timedelta(days=9), {"planned_date": "2027-02-20"}, f"review_planned:{review.pk}")
    ]


def test_cancelling_the_review_takes_the_plan_off_the_timeline(person, case_manager, today):
    review = organise_review(person=person, by=case_manager, kind="community")
    _arrange(review, case_manager, today + dt.timedelta(days=20))
    cancel_review(review=review, by=case_manager, reason="The family asked to wait")
    assert _live(person, "cetr_planned") == []


def _concern(review, by, **values):
    return raise_safeguarding(
        review=review,
        by=by,
        level=values.pop("level", "at_conclusion"),
        concern="Bruising nobody can explain",
        raised_on=dt.date(2027, 2, 26),
        **values,
    )


def test_a_safeguarding_referral_from_a_review_is_on_the_timeline_for_the_clock(person, case_manager):
    review = organise_review(person=person, by=case_manager, kind="community")
    concern = _concern(review, case_manager)
    assert _live(person, "safeguarding_referral") == []

    record_safeguarding_referral(
        concern=concern, by=case_manager, referred_to_local_authority_on=dt.date(2027, 2, 27)
    )
    assert _live(person, "safeguarding_referral") == [
        (dt.date(2027, 2, 27), {}, f"safeguarding:{concern.pk}")
    ]

    record_safeguarding_referral(  # the date corrected
        concern=concern, by=case_manager, referred_to_local_authority_on=dt.date(2027, 2, 26)
    )
    assert _live(person, "safeguarding_referral") == [
        (dt.date(2027, 2, 26), {}, f"safeguarding:{concern.pk}")
    ]


def test_a_concern_referred_when_it_is_raised_is_on_the_timeline_at_once(person, case_manager):
    review = organise_review(person=person, by=case_manager, kind="community")
    _concern(
        review,
        case_manager,
        level="urgent",
        told_whom="The commissioner and the ward manager",
        referred_to_local_authority_on=dt.date(2027, 2, 26),
    )
    assert [date for date, _, _ in _live(person, "safeguarding_referral")] == [dt.date(2027, 2, 26)]


def test_a_referral_dated_before_the_concern_is_refused_and_nothing_is_written(person, case_manager):
    review = organise_review(person=person, by=case_manager, kind="community")
    concern = _concern(review, case_manager)
    with pytest.raises(ValidationError) as refused:
        record_safeguarding_referral(
            concern=concern, by=case_manager, referred_to_local_authority_on=dt.date(2027, 2, 20)
        )
    assert "referred_to_local_authority_on" in refused.value.message_dict
    concern.refresh_from_db()
    assert concern.referred_to_local_authority_on is None
    assert _live(person, "safeguarding_referral") == []


def test_the_referral_page_records_it_and_explains_a_missing_date(person, case_manager, login):
    review = organise_review(person=person, by=case_manager, kind="community")
    concern = _concern(review, case_manager)
    client = login(case_manager)
    page = client.get(f"/reviews/{review.pk}/")
    assert f"/reviews/safeguarding/{concern.pk}/referral/" in page.content.decode()

    refused = client.post(f"/reviews/safeguarding/{concern.pk}/referral/", {"cqc_notified_on_day": "1"})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "nhsuk-error-summary" in html and "Enter the date of the referral to the local authority" in html
    assert _live(person, "safeguarding_referral") == []

    saved = client.post(
        f"/reviews/safeguarding/{concern.pk}/referral/",
        {
            "referred_to_local_authority_on_day": "28",
            "referred_to_local_authority_on_month": "2",
            "referred_to_local_authority_on_year": "2027",
        },
    )
    assert saved.status_code == 302
    assert [date for date, _, _ in _live(person, "safeguarding_referral")] == [dt.date(2027, 2, 28)]
