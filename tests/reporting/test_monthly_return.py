"""Given an ICB with DSR leads, when the daily run comes to the first working day of a month, then the month
before's figures are made once, as the register stood on its last day, kept as made, and each DSR lead is emailed
a link to them; the lead and the analyst find every kept return on a page and download it as CSV or Excel."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core import mail

from opendsr.accounts.models import Role
from opendsr.register.models import Rating
from opendsr.register.timeline import record_event
from opendsr.reporting import returns, snapshots
from opendsr.reporting.models import MonthlyReturn, ReturnIsKept, SmallNumbers
from opendsr.reporting.tasks import monthly_returns


@pytest.fixture
def leads(make_user, icb):
    return [make_user(Role.DSR_LEAD, email=f"lead{n}@example.nhs.uk", first_name=f"Lead{n}") for n in (1, 2)]


def _rated(person, day, rating):
    record_event(person=person, type="stratified", date=day, data={"rating": rating})


@pytest.fixture
def january(make_person, icb):
    """Three people rated red in January 2027 (on the 10th, 11th and 12th), and one rated amber on 1 February:
    on 31 January 2027 the register holds 3, all red."""
    SmallNumbers.objects.create(icb=icb, threshold=1)
    people = [make_person(current_rating=Rating.RED) for _ in range(3)]
    for n, person in enumerate(people):
        _rated(person, dt.date(2027, 1, 10 + n), "red")
    _rated(make_person(current_rating=Rating.AMBER), dt.date(2027, 2, 1), "amber")
    return people


def _rating_counts(kept: MonthlyReturn) -> dict:
    figures = snapshots.from_json(kept.figures)
    rows = next(b for b in figures.breakdowns if b.key == "rating").rows
    return {label: c.shown for label, c in rows}


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (dt.date(2027, 1, 20), dt.date(2027, 1, 4)),  # 1 January is a bank holiday, then a weekend
        (dt.date(2027, 5, 2), dt.date(2027, 5, 4)),  # 1 May is a Saturday, 3 May the early May bank holiday
        (dt.date(2027, 2, 9), dt.date(2027, 2, 1)),  # a Monday
    ],
)
def test_the_first_working_day_skips_weekends_and_englands_bank_holidays(day, first):
    assert returns.first_working_day(day) == first


def test_nothing_is_made_on_any_other_day(db, icb, january):
    assert returns.build_due(dt.date(2027, 2, 2)) == []
    assert returns.build_due(dt.date(2027, 1, 1)) == []  # New Year's Day
    assert not MonthlyReturn.objects.exists()


def test_on_the_first_working_day_the_return_is_made_once_and_each_lead_is_emailed_a_link(
    icb, other_icb, leads, make_user, january, settings, django_capture_on_commit_callbacks
):
    """3 red on 31 January 2027; the amber rating of 1 February is not in it. Both leads of this ICB are emailed
    (not the analyst); the other ICB, with no leads, gets its own return and no email. Run again the same day:
    nothing more is made or sent."""
    settings.OPENDSR_TODAY = "2027-02-01"
    make_user(Role.ANALYST, email="analyst@example.nhs.uk")
    with django_capture_on_commit_callbacks(execute=True):
        assert monthly_returns.enqueue().return_value == 2
    kept = MonthlyReturn.objects.get(icb=icb)
    assert kept.month == dt.date(2027, 1, 1)
    assert kept.built_on == dt.date(2027, 2, 1)
    assert _rating_counts(kept)["Red"] == 3
    assert _rating_counts(kept)["Amber"] == 0
    assert kept.rule["threshold"] == 1
    assert MonthlyReturn.objects.filter(icb=other_icb).count() == 1

    assert sorted(m.to[0] for m in mail.outbox) == ["lead1@example.nhs.uk", "lead2@example.nhs.uk"]
    email = mail.outbox[0]
    assert email.subject == "OpenDSR: the DSR figures for January 2027 are ready"
    assert f"/figures/returns/{kept.pk}/" in email.body
    assert "31 January 2027" in email.body
    assert "Testperson" not in email.body, "no names leave by email"

    with django_capture_on_commit_callbacks(execute=True):
        assert monthly_returns.enqueue().return_value == 0
    assert MonthlyReturn.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_kept_return_stays_as_made_when_later_and_back_dated_events_are_recorded(
    login, leads, icb, january, make_person
):
    """Made on 1 February 2027: 3 red. Then someone is rated red on 20 February (later-dated) and another on
    15 January (back-dated): the kept return still says 3, its page and its download too, while the live figures
    for January count the back-dated rating (4) and not the later one."""
    kept = returns.build(icb, dt.date(2027, 1, 1))
    before = kept.figures
    _rated(make_person(current_rating=Rating.RED), dt.date(2027, 2, 20), "red")
    _rated(make_person(current_rating=Rating.RED), dt.date(2027, 1, 15), "red")

    assert returns.build(icb, dt.date(2027, 1, 1)).pk == kept.pk
    kept.refresh_from_db()
    assert kept.figures == before
    assert _rating_counts(kept)["Red"] == 3

    client = login(leads[0])
    page = client.get(f"/figures/returns/{kept.pk}/").content.decode()
    assert "People on the register on 31 January 2027" in page
    assert "3 people" in page
    rows = list(
        csv.reader(io.StringIO(client.get(f"/figures/returns/{kept.pk}.csv").content.decode("utf-8-sig")))
    )
    assert ["People on the register: by rating", "Red", "On 31 January 2027", "3"] in rows
    assert any(row[:1] == ["Small numbers"] and "Counts from 1 to 1" in row[1] for row in rows)

    live = client.get("/figures/?period=month&ending=2027-01").content.decode()
    assert "4 people" in live


def test_a_kept_return_cannot_be_changed_or_removed(db, icb, january):
    kept = returns.build(icb, dt.date(2027, 1, 1))
    kept.figures = {}
    with pytest.raises(ReturnIsKept):
        kept.save()
    with pytest.raises(ReturnIsKept):
        MonthlyReturn.objects.filter(pk=kept.pk).update(figures={})
    with pytest.raises(ReturnIsKept):
        MonthlyReturn.objects.all().delete()


def test_the_returns_page_says_when_there_are_none_yet(login, make_user):
    page = login(make_user(Role.ANALYST)).get("/figures/returns/").content.decode()
    assert "There are no monthly returns yet" in page


def test_the_analyst_lists_the_returns_and_downloads_excel_but_not_another_icbs(
    login, make_user, icb, other_icb, january
):
    returns.build(icb, dt.date(2026, 12, 1))
    kept = returns.build(icb, dt.date(2027, 1, 1))
    theirs = returns.build(other_icb, dt.date(2027, 1, 1))
    client = login(make_user(Role.ANALYST))
    page = client.get("/figures/returns/").content.decode()
    assert "2 returns, the latest first" in page
    assert page.index("January 2027") < page.index("December 2026")
    response = client.get(f"/figures/returns/{kept.pk}.xlsx?table=breakdown:rating")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Red", 3] in values
    assert client.get(f"/figures/returns/{theirs.pk}/").status_code == 404
    assert client.get(f"/figures/returns/{theirs.pk}.csv").status_code == 404
