"""My work and the ICB overview: what is shown, in what order, to whom."""

import datetime as dt

import pytest

from opendsr.accounts.models import Role
from opendsr.oversight import work_queue
from opendsr.register import timeline
from opendsr.register.models import Location
from tests.factories import PersonFactory, TeamFactory


def admitted(person, on):
    timeline.record_event(
        person=person, type="admitted", date=on, data={"setting": "non_secure", "route": "civil"}
    )
    person.location = Location.INPATIENT
    person.save()


@pytest.fixture
def caseload(make_person, team, case_manager):
    case_manager.team = team
    case_manager.save()
    adult = make_person(team=team, case_manager=case_manager, given_name="Ada", family_name="Admitted")
    admitted(adult, dt.date(2027, 1, 4))  # post-admission CTR due 1 February 2027: 28 days overdue
    red = make_person(
        team=team,
        case_manager=case_manager,
        given_name="Rae",
        family_name="Red",
        date_of_birth=dt.date(1980, 1, 1),
    )
    timeline.record_event(person=red, type="stratified", date=dt.date(2027, 2, 25), data={"rating": "red"})
    referred = make_person(team=team, case_manager=case_manager, given_name="Rob", family_name="Referred")
    timeline.record_event(
        person=referred, type="referral_received", date=dt.date(2027, 2, 26), data={"source": "family"}
    )
    return adult, red, referred


def items_for(user, today, **filters):
    from opendsr.accounts import access

    queue = work_queue.work_queue(user, access.people_for(user), work_queue.WorkFilters(**filters), today)
    return queue, list(queue.items[0:100])


def test_most_overdue_first_then_the_next_7_days_then_28(caseload, case_manager, today):
    queue, items = items_for(case_manager, today, show="caseload")
    order = [(i.kind, i.person_name) for i in items]
    assert order[0] == ("post_admission_cetr", "Ada Admitted")
    assert order[1] == ("community_cetr", "Rae Red")
    sections = [work_queue.section_of(i.due, today) for i in items]
    assert sections == sorted(sections, key=["overdue", "week", "month", "later"].index)
    acknowledge = next(i for i in items if i.kind == "acknowledge_referral")
    assert acknowledge.due == dt.date(2027, 3, 5)  # 5 working days after Friday 26 February
    assert work_queue.section_of(acknowledge.due, today) == "week"
    assert queue.counts["overdue"] == sum(1 for s in sections if s == "overdue")


def test_another_teams_and_another_icbs_people_never_appear(caseload, case_manager, icb, other_icb, today):
    other_team = TeamFactory(icb=icb, name="Children's team")
    theirs = PersonFactory(icb=icb, team=other_team, family_name="Otherteam")
    admitted(theirs, dt.date(2027, 1, 4))
    stranger = PersonFactory(icb=other_icb, family_name="Stranger")
    admitted(stranger, dt.date(2027, 1, 4))
    _, items = items_for(case_manager, today, show="all")
    names = {i.person_name for i in items}
    assert not any("Otherteam" in n or "Stranger" in n for n in names)
    assert "Ada Admitted" in names


def test_a_case_manager_sees_their_caseload_by_default_and_can_widen_to_the_team(
    caseload, case_manager, make_user, team, login, today
):
    colleague = make_user(Role.CASE_MANAGER, team=team)
    theirs = PersonFactory(
        icb=team.icb, team=team, case_manager=colleague, given_name="Col", family_name="League"
    )
    admitted(theirs, dt.date(2027, 2, 1))
    client = login(case_manager)
    assert "Col League" not in client.get("/work/").content.decode()
    assert "Col League" in client.get("/work/?show=team").content.decode()


def test_the_page_shows_due_dates_days_overdue_and_the_citation(caseload, case_manager, login):
    page = login(case_manager).get("/work/").content.decode()
    assert "Post-admission C(E)TR" in page
    assert "1 February 2027" in page
    assert "28 days overdue" in page
    assert "Table 2" in page
    assert "Care (Education) and Treatment Reviews (C(E)TRs)" in page
    assert f"/reviews/people/{caseload[0].pk}/new/?kind=post_admission" in page  # organise the review


def test_filters_narrow_the_list_and_survive_paging(caseload, case_manager, login):
    client = login(case_manager)
    page = client.get("/work/?kind=community_cetr").content.decode()
    assert "Rae Red" in page and "Ada Admitted" not in page
    for _n in range(60):
        person = PersonFactory(icb=caseload[0].icb, team=caseload[0].team, case_manager=case_manager)
        timeline.record_event(
            person=person, type="stratified", date=dt.date(2027, 2, 1), data={"rating": "red"}
        )
    page = client.get("/work/?kind=community_cetr").content.decode()
    assert "kind=community_cetr&amp;page=2" in page
    second = client.get("/work/?kind=community_cetr&page=2").content.decode()
    assert "Ada Admitted" not in second
    assert '<option value="community_cetr" selected' in second


def test_nothing_due_shows_the_empty_state(case_manager, login):
    page = login(case_manager).get("/work/").content.decode()
    assert "Nothing is overdue or due in the next 28 days" in page
    assert "0 items" in page


def test_the_icb_overview_counts_by_kind_and_status(caseload, lead, login):
    page = login(lead).get("/work/icb/").content.decode()
    assert "Open work by kind" in page
    queue, _ = items_for(lead, dt.date(2027, 3, 1), show="all")
    row = next(
        k
        for k in work_queue.work_queue(
            lead, caseload[0].icb.people.all(), work_queue.WorkFilters(), dt.date(2027, 3, 1), by_kind=True
        ).kinds
        if k["kind"] == "post_admission_cetr"
    )
    assert (row["overdue"], row["week"], row["later"]) == (1, 0, 0)


def test_only_the_dsr_lead_sees_the_icb_overview(case_manager, login):
    assert login(case_manager).get("/work/icb/").status_code == 403


def test_pathway_filter_uses_the_cyp_rule(make_person, lead, today):
    child = make_person(date_of_birth=dt.date(2012, 1, 1), given_name="Cy", family_name="Child")
    ehcp = make_person(date_of_birth=dt.date(2004, 1, 1), has_ehcp=True, given_name="Ed", family_name="Ehcp")
    adult = make_person(date_of_birth=dt.date(2004, 1, 1), given_name="Ad", family_name="Adult")
    for p in (child, ehcp, adult):
        timeline.record_event(person=p, type="stratified", date=dt.date(2027, 2, 1), data={"rating": "red"})
    _, items = items_for(lead, today, pathway="cyp")
    assert {i.person_name for i in items} == {"Cy Child", "Ed Ehcp"}
    _, items = items_for(lead, today, pathway="adult")
    assert {i.person_name for i in items} == {"Ad Adult"}


def review_actions(user, people, today):
    """A stand-in for the reviews app's source: one C(E)TR action per person, due on their birthday this year."""
    from opendsr.register.contributions import WorkItem

    return [
        WorkItem(
            kind="review_action",
            label="C(E)TR action",
            person_id=p.pk,
            person_name=p.full_name,
            due=dt.date(2027, 2, 10) if n % 2 == 0 else None,
            status="due",
            basis="From a C(E)TR",
            person_url="#",
        )
        for n, p in enumerate(people.order_by("pk"))
    ]


def test_items_from_other_sources_are_merged_by_due_date_on_every_page(
    caseload, case_manager, today, monkeypatch
):
    from opendsr.register import contributions

    monkeypatch.setattr(contributions, "_work_sources", [*contributions._work_sources, review_actions])
    queue, everything = items_for(case_manager, today, show="caseload")
    assert sum(1 for i in everything if i.kind == "review_action") == 3
    dues = [(i.due is None, i.due or dt.date.min) for i in everything]
    assert dues == sorted(dues)
    paged = [item for start in range(0, len(everything), 2) for item in queue.items[start : start + 2]]
    assert [(i.kind, i.person_id) for i in paged] == [(i.kind, i.person_id) for i in everything]
    assert queue.total == len(everything)
    only_actions, items = items_for(case_manager, today, show="caseload", kind="review_action")
    assert {i.kind for i in items} == {"review_action"} and only_actions.total == 3


def test_the_icb_counts_kept_for_a_minute_start_again_when_an_obligation_changes(
    caseload, lead, today, settings
):
    from opendsr.accounts import access

    settings.OPENDSR_COUNTS_CACHE_SECONDS = 60

    def overdue():
        return work_queue.work_queue(lead, access.people_for(lead), work_queue.WorkFilters(), today).counts[
            "overdue"
        ]

    before = overdue()
    late = PersonFactory(icb=caseload[0].icb, team=caseload[0].team)
    timeline.record_event(person=late, type="stratified", date=dt.date(2027, 2, 1), data={"rating": "red"})
    assert overdue() == before + 2  # the community C(E)TR, and telling them the rating


def test_a_cetr_being_organised_is_continued_from_my_work_not_arranged_again(caseload, case_manager, login):
    from opendsr.reviews.services.organising import organise_review

    adult = caseload[0]
    client = login(case_manager)
    arrange = f"/reviews/people/{adult.pk}/new/?kind=post_admission"
    assert arrange in client.get("/work/").content.decode()
    review = organise_review(person=adult, by=case_manager, kind="post_admission")
    page = client.get("/work/").content.decode()
    assert arrange not in page
    assert f'href="/reviews/{review.pk}/"' in page and "Continue the C(E)TR" in page
    person_page = client.get(f"/people/{adult.pk}/").content.decode()
    assert arrange not in person_page and "Continue the C(E)TR" in person_page


def test_a_narrow_scope_read_once_counts_as_the_database_counts(caseload, case_manager, today):
    # A caseload is read once for its counts and its pages; the ICB's whole scope is counted by the database.
    # Both must put each due date in the same section, at the edges of each.
    from opendsr.oversight.work_queue.counts import _counts, counts_of
    from opendsr.register.models import Obligation

    person = caseload[0]
    for days in (-1, 0, 7, 8, 28, 29, None):
        Obligation.objects.create(
            person=person,
            kind="oversight_visit",
            raised_on=today,
            due=None if days is None else today + dt.timedelta(days=days),
            basis="s14: a test obligation",
        )
    rows = Obligation.objects.filter(is_open__in=[True])

    def by_kind_name(counts):
        return sorted(counts, key=lambda row: row.get("kind", ""))

    for by_kind in (False, True):
        read = counts_of(rows.values_list("kind", "due"), today, by_kind=by_kind)
        assert by_kind_name(read) == by_kind_name(_counts(rows, today, by_kind=by_kind))
    queue, items = items_for(case_manager, today, show="caseload")
    assert queue.counts == {
        key: sum(1 for i in items if work_queue.section_of(i.due, today) == key)
        for key in ("overdue", "week", "month", "later")
    }
