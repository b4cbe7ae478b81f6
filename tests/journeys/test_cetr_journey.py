"""Given a case manager whose young person was admitted last week, when they take the post-admission review from
My work through the date and venue, a panel with a conflict-of-interest warning, invitations, the checklist,
holding the review, what the panel found, a safeguarding concern, the rating decision, actions and the approved
report, then the person's page shows the review and the report deadline met; and a panel member sees only the
review they sit on."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.oversight.services import record_timeline_event
from tests.factories import PersonFactory, TeamFactory, UserFactory

from .steps.common import (
    given_i_am_logged_in_as,
    keep_a_picture_of_the_pdf,
    then_i_do_not_see,
    then_i_see,
    then_the_page_reports_errors,
    then_the_pdf_says,
    when_i_download,
    when_i_follow,
    when_i_go_to,
    when_i_press,
    when_i_return_to,
)
from .steps.reviews import (
    given_a_community_review_for,
    given_a_panel_directory,
    then_the_page_is_not_found,
    then_what_is_due_says,
    when_i_agree_an_action,
    when_i_agree_the_date_and_venue,
    when_i_change_the_clinical_expert_to,
    when_i_choose_the_panel,
    when_i_raise_a_safeguarding_concern,
    when_i_record_consent_on_the_checklist,
    when_i_record_the_rating_decision,
    when_i_record_the_report_sent_to,
    when_i_record_what_the_panel_found,
    when_i_say_who_to_contact_about_the_review,
    when_i_say_why_care_cannot_be_in_the_community,
)
from .steps.work import when_i_open_my_work

HELD_ON = dt.date(2027, 3, 1)


def test_a_post_admission_review_from_my_work_to_the_report(journey, icb, tmp_path):
    j = journey
    team = TeamFactory(icb=icb, name="Children's community team")
    manager = UserFactory(role=Role.CASE_MANAGER, icb=icb, team=team, first_name="Carl", last_name="Case")
    kim = UserFactory(role=Role.PANEL_MEMBER, icb=icb, first_name="Kim", last_name="Lowe")
    given_a_panel_directory(icb, expert_by_experience_user=kim)
    ali = PersonFactory(
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
    review_kim_does_not_sit_on = given_a_community_review_for(
        PersonFactory(icb=icb, team=team, given_name="Bea", family_name="Other")
    )
    record_timeline_event(
        person=ali,
        by=manager,
        type="admitted",
        date=dt.date(2027, 2, 22),
        data={"setting": "non_secure", "route": "civil"},
    )

    # Given the post-admission review is on my work
    given_i_am_logged_in_as(j, manager)
    when_i_open_my_work(j)
    then_i_see(j, "Post-admission C(E)TR")
    when_i_follow(j, "Arrange or record the C(E)TR for Ali Rahman")
    then_i_see(j, "Post-admission C(E)TR is due by 8 March 2027")
    when_i_press(j, "Start organising")
    then_i_see(j, "Work through the steps below")
    j.check("cetr-review-started")
    review_url = j.page.url

    # When I agree the date and venue, having first forgotten the date
    when_i_follow(j, "Agree the date and venue")
    when_i_press(j, "Save")
    then_the_page_reports_errors(j, "Enter the date of the review")
    when_i_agree_the_date_and_venue(j, on=HELD_ON, where="Oakwood Hospital, Ward 3")

    # And choose a panel whose clinical expert works for the hospital, then someone without the conflict
    when_i_follow(j, "Choose the panel")
    when_i_choose_the_panel(
        j, chair="Dr Helen Marsh", clinical_expert="Tom Reilly", expert_by_experience="Kim Lowe"
    )
    then_i_see(j, "Tom Reilly may have a conflict of interest: Oakwood Hospital")
    j.check("cetr-panel-warning")
    when_i_change_the_clinical_expert_to(j, "Dr Grace Obi")
    then_i_see(j, "The panel is saved")

    # And invite people: the suggestions come from Ali's record, by role
    when_i_follow(j, "Invite people")
    then_i_see(j, "Must attend")  # a keyworker, for a child
    j.check("cetr-invitations")
    when_i_press(j, "Send the invitations")
    then_i_see(j, "invitations are sent", "ali.family@example.org")

    when_i_return_to(j, review_url)
    when_i_record_consent_on_the_checklist(j, on=dt.date(2027, 2, 23))

    # And hold the review: an inpatient review must say why care cannot be in the community
    when_i_follow(j, "Hold the review")
    when_i_press(j, "Save")
    then_the_page_reports_errors(j, "Record why the person's care cannot be given in the community")
    when_i_say_why_care_cannot_be_in_the_community(
        j, "Still needs assessment of new medication; a community placement is being found."
    )
    then_i_see(j, "Am I safe?")

    # And record what the panel found under the six questions
    when_i_record_what_the_panel_found(
        j,
        {
            "What the panel found": "Ali feels safe on the ward; two restraints this week.",
            "What the person said, in their words": "I want to go home.",
        },
        {"What the panel found": "Staff know Ali's sensory needs; no easy read care plan."},
        not_discussed=4,
        screenshot="cetr-findings",
    )
    then_i_see(j, "Saved.")

    when_i_raise_a_safeguarding_concern(
        j,
        urgency="Needs a response: raise before the panel leaves, refer the next day",
        concern="Bruising not explained in the incident log.",
        told="Ward manager and the commissioner",
    )
    then_i_see(j, "Refer to the local authority by the following day")

    # And record the rating decision (blue while an inpatient) and agree a SMART action
    when_i_record_the_rating_decision(j, "Blue", why="Ali is in hospital.")
    when_i_agree_an_action(
        j,
        what="Write an easy read care plan with Ali",
        who="Ola Bright",
        organisation="Oakwood Hospital",
        due=dt.date(2027, 3, 15),
    )
    then_i_see(j, "Write an easy read care plan with Ali")

    # And the chair's approval is recorded, and the report and its easy read summary downloaded
    when_i_follow(j, "Go on to the report")
    then_i_see(j, "Say who the person and family should contact")
    when_i_say_who_to_contact_about_the_review(j, "Carl Case, case manager, 0300 000 0000")
    when_i_press(j, "Approve the report")
    then_i_see(j, "The report is approved")
    j.check("cetr-report")
    report = when_i_download(j, "Download the report (PDF)", tmp_path)
    then_the_pdf_says(
        report, "Am I safe?", "Do I need to be in hospital?", "Write an easy read care plan", "Blue"
    )
    keep_a_picture_of_the_pdf(report, "cetr-report-pdf")
    easy_read = when_i_download(j, "Download the easy read summary (PDF)", tmp_path)
    keep_a_picture_of_the_pdf(easy_read, "cetr-easy-read-pdf")

    # And sending it needs an address for everyone it goes to
    when_i_press(j, "Send the report")
    then_the_page_reports_errors(j, "Add an email address for Pat Advocate, or send it by post")
    when_i_record_the_report_sent_to(
        j, "Ali Rahman, ali.family@example.org", "Pat Advocate, pat@advocacy.example"
    )
    then_i_see(j, "The report is recorded as sent")

    # Then Ali's page shows the action, and the review and the report deadline met on the day
    when_i_go_to(j, f"/people/{ali.pk}/")
    then_i_see(j, "Write an easy read care plan with Ali")
    then_what_is_due_says(j, "Post-admission C(E)TR", "Met on 1 March 2027")
    then_what_is_due_says(j, "Send the C(E)TR report", "Met on 1 March 2027")
    j.check("cetr-person-page")

    # And Kim, on the panel, sees only this review
    given_i_am_logged_in_as(j, kim)
    when_i_go_to(j, "/reviews/")
    then_i_see(j, "Ali Rahman")
    then_i_do_not_see(j, "Bea Other")
    j.check("cetr-panel-member-list")
    then_the_page_is_not_found(j, f"/reviews/{review_kim_does_not_sit_on.pk}/")
