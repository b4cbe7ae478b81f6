"""Given a case manager with a person on their caseload, when they record an admission, then "My work" shows the
post-admission review due, with a link to organise it (tests/journeys/test_cetr_journey.py follows it to the end)."""

import datetime as dt

from opendsr.accounts.models import Role
from tests.factories import PersonFactory, TeamFactory, UserFactory


def fill_date(page, legend_prefix, day: dt.date, name="date"):
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def test_an_admission_puts_a_post_admission_review_on_my_work_until_it_is_held(journey, icb):
    team = TeamFactory(icb=icb, name="Children's community team")
    manager = UserFactory(role=Role.CASE_MANAGER, icb=icb, team=team, first_name="Carl", last_name="Case")
    child = PersonFactory(
        icb=icb,
        team=team,
        case_manager=manager,
        given_name="Sam",
        family_name="Taylor",
        date_of_birth=dt.date(2012, 4, 2),
    )
    journey.log_in(manager)

    # Given nothing is due yet
    journey.go("/work/")
    assert "Nothing is overdue or due in the next 28 days" in journey.page.inner_text("main")

    # When I record an admission on Sam's timeline
    journey.go(f"/work/people/{child.pk}/timeline/")
    journey.click("Record an event")
    journey.submit("Continue")
    assert journey.page.title().startswith("Error: ")
    journey.page.get_by_label("Admitted to a mental health hospital").check()
    journey.submit("Continue")
    fill_date(journey.page, "Date of admission", dt.date(2027, 2, 22))
    journey.page.get_by_label("Secure", exact=True).check()
    journey.page.get_by_label("Not through the criminal justice system").check()
    journey.check("record-admission")
    journey.submit("Save")
    assert "Admitted to a mental health hospital is recorded for Sam Taylor" in journey.page.inner_text(
        "main"
    )

    # Then My work shows the post-admission review due, 10 working days after admission for a child
    journey.go("/work/")
    main = journey.page.inner_text("main")
    assert "Post-admission C(E)TR" in main
    assert "8 March 2027" in main and "due in 7 days" in main
    journey.check("my-work-admitted")

    # When I follow the link to arrange the review, then I start organising it (the C(E)TR journey goes on)
    journey.page.get_by_role("link", name="Arrange or record the C(E)TR for Sam Taylor").click()
    journey.check()
    assert "Organise a Care (Education) and Treatment Review" in journey.page.inner_text("main")
    assert journey.page.get_by_label("Post-admission C(E)TR").is_checked()


def test_the_dsr_lead_sees_the_icb_overview_and_the_oversight_panel_list(journey, icb):
    from opendsr.register import timeline
    from opendsr.register.models import Location

    lead = UserFactory(role=Role.DSR_LEAD, icb=icb, first_name="Lena", last_name="Lead")
    team = TeamFactory(icb=icb, name="Adult community team")
    long_stay = PersonFactory(
        icb=icb, team=team, given_name="Lou", family_name="Long", location=Location.INPATIENT
    )
    timeline.record_event(
        person=long_stay,
        type="admitted",
        date=dt.date(2025, 12, 1),
        data={"setting": "secure", "route": "civil"},
    )
    journey.log_in(lead)

    # Given a long stay, when the lead opens the ICB overview, then the counts by kind show what is overdue
    journey.go("/work/icb/")
    main = journey.page.inner_text("main")
    assert "Open work by kind" in main and "Commissioner oversight visit" in main
    journey.check("icb-overview")

    # and the oversight panel list shows why Lou is on it, ready to download
    journey.click("Oversight panel")
    main = journey.page.inner_text("main")
    assert "Lou Long" in main and "Inpatient stay reached 12 months (s18)" in main and "455 days" in main
    journey.check("oversight-panel")
    with journey.page.expect_download() as download:
        journey.page.get_by_role("link", name="Excel").click()
    assert download.value.suggested_filename == "oversight-panel-2027-03-01.xlsx"
