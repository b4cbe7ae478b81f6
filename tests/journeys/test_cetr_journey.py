"""Given a case manager whose young person was admitted last week, when they take the post-admission review from
My work through the date and venue, a panel with a conflict-of-interest warning, invitations, the checklist,
holding the review, what the panel found, a safeguarding concern, the rating decision, actions and the approved
report, then the person's page shows the review and the report deadline met; and a panel member sees only the
review they sit on."""

import datetime as dt
import subprocess
from pathlib import Path

from opendsr.accounts.models import Role
from opendsr.oversight.services import record_timeline_event
from opendsr.register.models import Obligation
from opendsr.reviews.models import PanelMember, Review
from tests.factories import PersonFactory, TeamFactory, UserFactory

from .conftest import SCREENSHOTS


def fill_date(page, name: str, day: dt.date):
    page.locator(f"#id_{name}_day").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def directory(icb, panel_user):
    year_ago = dt.date(2026, 3, 1)
    return {
        "chair": PanelMember.objects.create(
            icb=icb,
            name="Dr Helen Marsh",
            role="chair",
            induction_trained_on=year_ago,
            specialisms=["children"],
        ),
        "conflicted": PanelMember.objects.create(
            icb=icb,
            name="Tom Reilly",
            role="clinical_expert",
            organisation="Oakwood Hospital",
            induction_trained_on=year_ago,
            specialisms=["children", "autism"],
        ),
        "clinical": PanelMember.objects.create(
            icb=icb,
            name="Dr Grace Obi",
            role="clinical_expert",
            induction_trained_on=year_ago,
            specialisms=["children", "autism"],
        ),
        "expert": PanelMember.objects.create(
            icb=icb,
            name="Kim Lowe",
            role="expert_by_experience",
            induction_trained_on=year_ago,
            specialisms=["children"],
            user=panel_user,
        ),
    }


def test_a_post_admission_review_from_my_work_to_the_report(journey, icb, tmp_path):
    team = TeamFactory(icb=icb, name="Children's community team")
    manager = UserFactory(role=Role.CASE_MANAGER, icb=icb, team=team, first_name="Carl", last_name="Case")
    panel_user = UserFactory(role=Role.PANEL_MEMBER, icb=icb, first_name="Kim", last_name="Lowe")
    directory(icb, panel_user)
    child = PersonFactory(
        icb=icb,
        team=team,
        case_manager=manager,
        given_name="Ali",
        family_name="Rahman",
        date_of_birth=dt.date(2011, 5, 3),
        diagnosis="autistic",
        email="ali.family@example.org",
        advocate_name="Pat Advocate",
        advocate_organisation="Northdale Advocacy",
    )
    other = PersonFactory(icb=icb, team=team, given_name="Bea", family_name="Other")
    Review.objects.create(person=other, kind="community", pathway="ctr")  # a review Kim does not sit on
    record_timeline_event(
        person=child,
        by=manager,
        type="admitted",
        date=dt.date(2027, 2, 22),
        data={"setting": "non_secure", "route": "civil"},
    )
    page = journey.page

    # Given the post-admission review is on my work
    journey.log_in(manager)
    journey.go("/work/")
    assert "Post-admission C(E)TR" in page.inner_text("main")
    journey.click("Arrange or record the C(E)TR for Ali Rahman")
    assert "Post-admission C(E)TR is due by 8 March 2027" in page.inner_text("main")
    journey.submit("Start organising")
    assert "Work through the steps below" in page.inner_text("main")
    journey.check("cetr-review-started")
    review_url = page.url

    # When I agree the date and venue
    journey.click("Agree the date and venue")
    journey.submit("Save")
    assert "Enter the date of the review" in page.inner_text(".nhsuk-error-summary")
    fill_date(page, "scheduled_for", dt.date(2027, 3, 1))
    page.get_by_label("Where it will be held").fill("Oakwood Hospital, Ward 3")
    journey.submit("Save")

    # And choose a panel whose clinical expert works for the hospital
    journey.click("Choose the panel")
    page.get_by_label("Chair").select_option(label="Dr Helen Marsh (Chair)")
    page.get_by_label("Clinical expert").select_option(label="Tom Reilly (Clinical expert)")
    page.get_by_label("Expert by experience").select_option(label="Kim Lowe (Expert by experience)")
    journey.submit("Save the panel")
    main = page.inner_text("main")
    assert "Tom Reilly may have a conflict of interest: Oakwood Hospital" in main
    journey.check("cetr-panel-warning")
    # Then I choose someone without the conflict instead
    page.get_by_label("Clinical expert").select_option(label="Dr Grace Obi (Clinical expert)")
    page.get_by_label("Yes").check()
    journey.submit("Save the panel")
    assert "The panel is saved" in page.inner_text("main")

    # And invite people: the suggestions come from Ali's record, by role
    journey.click("Invite people")
    invite = page.inner_text("main")
    assert "Must attend" in invite  # a keyworker, for a child
    journey.check("cetr-invitations")
    journey.submit("Send the invitations")
    assert "invitations are sent" in page.inner_text("main")
    assert "ali.family@example.org" in page.inner_text("main")

    # And record consent on the checklist
    page.goto(review_url)
    journey.check()
    journey.click("Check consent, advocacy and papers")
    fill_date(page, "consent_confirmed_on", dt.date(2027, 2, 23))
    journey.submit("Save")

    # And hold the review: an inpatient review must say why care cannot be in the community
    journey.click("Hold the review")
    journey.submit("Save")
    assert "Record why the person's care cannot be given in the community" in page.inner_text("main")
    page.get_by_label("Why can their care not be given in the community now?").fill(
        "Still needs assessment of new medication; a community placement is being found."
    )
    journey.submit("Save")
    assert "Am I safe?" in page.inner_text("main")

    # And record what the panel found under the six questions
    page.get_by_label("What the panel found").fill("Ali feels safe on the ward; two restraints this week.")
    page.get_by_label("What the person said, in their words").fill("I want to go home.")
    journey.check("cetr-findings")
    journey.submit("Save and continue")
    page.get_by_label("What the panel found").fill("Staff know Ali's sensory needs; no easy read care plan.")
    journey.submit("Save and continue")
    for _ in range(4):
        page.get_by_label("This was not discussed at the review").check()
        journey.submit("Save and continue")
    assert "Saved." in page.inner_text("main")

    # And raise a safeguarding concern
    journey.click("Raise a safeguarding concern")
    page.get_by_label("Needs a response: raise before the panel leaves, refer the next day").check()
    page.get_by_label("What is the concern?").fill("Bruising not explained in the incident log.")
    page.get_by_label("Who was told").fill("Ward manager and the commissioner")
    journey.submit("Record the concern")
    assert "Refer to the local authority by the day after the review" in page.inner_text("main")

    # And record the rating decision: blue while an inpatient
    journey.click("Record the rating decision")
    page.get_by_label("Blue").check()
    page.get_by_label("Why this rating").fill("Ali is in hospital.")
    journey.submit("Save the rating decision")

    # And agree a SMART action
    page.get_by_label("What needs to happen").fill("Write an easy read care plan with Ali")
    page.get_by_label("Named person who will do it").fill("Ola Bright")
    page.get_by_label("Their organisation").fill("Oakwood Hospital")
    fill_date(page, "due", dt.date(2027, 3, 15))
    journey.submit("Add the action")
    assert "Write an easy read care plan with Ali" in page.inner_text("main")

    # And the chair's approval is recorded, and the report sent
    journey.click("Go on to the report")
    assert "Say who the person and family should contact" in page.inner_text("main")
    page.get_by_label("Who should they contact about the review?").fill(
        "Carl Case, case manager, 0300 000 0000"
    )
    journey.submit("Save the details")
    journey.submit("Approve the report")
    assert "The report is approved" in page.inner_text("main")
    journey.check("cetr-report")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report (PDF)").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("Am I safe?", "Do I need to be in hospital?", "Write an easy read care plan", "Blue"):
        assert words in text, words
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-singlefile",
            str(pdf),
            str(Path(SCREENSHOTS) / "cetr-report-pdf"),
        ],
        check=True,
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the easy read summary (PDF)").click()
    easy = tmp_path / "easy.pdf"
    download.value.save_as(easy)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-singlefile",
            str(easy),
            str(Path(SCREENSHOTS) / "cetr-easy-read-pdf"),
        ],
        check=True,
    )
    journey.submit("Send the report")
    assert "Add an email address for Pat Advocate, or send it by post" in page.inner_text("main")
    page.get_by_label("Who it went to").fill(
        "Ali Rahman, ali.family@example.org\nPat Advocate, pat@advocacy.example"
    )
    journey.submit("Send the report")
    assert "The report is recorded as sent" in page.inner_text("main")

    # Then Ali's page shows the review met, and the report deadline met too
    journey.go(f"/people/{child.pk}/")
    main = page.inner_text("main")
    assert "Write an easy read care plan with Ali" in main
    review_obligation = Obligation.objects.get(person=child, kind="post_admission_cetr")
    report_obligation = Obligation.objects.get(person=child, kind="cetr_report")
    assert review_obligation.met_on == dt.date(2027, 3, 1) and report_obligation.met_on == dt.date(2027, 3, 1)
    assert "Met on 1 March 2027" in main
    journey.check("cetr-person-page")

    # And Kim, on the panel, sees only this review
    page.context.clear_cookies()
    journey.log_in(panel_user)
    journey.go("/reviews/")
    listed = page.inner_text("main")
    assert "Ali Rahman" in listed and "Bea Other" not in listed
    journey.check("cetr-panel-member-list")
    hidden = Review.objects.get(person=other)
    response = page.goto(journey.base_url + f"/reviews/{hidden.pk}/")
    assert response.status == 404
