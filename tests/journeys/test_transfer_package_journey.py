"""Given someone on one ICB's register who moves to an ICB that keeps its register in another OpenDSR, when the
sending DSR lead makes their transfer package and downloads it, then they leave the sending register and the
PDF summary reads the package; when the receiving DSR lead uploads a file that is not a package, they are told
why, and when they upload the package, check the preview and import it, then the person is on their register
with their history marked as from the sending ICB."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.register.timeline import record_event

from .steps.common import (
    given_i_am_logged_in_as,
    then_i_see,
    then_the_page_reports_errors,
    then_the_pdf_says,
    when_i_download,
    when_i_fill_in,
    when_i_follow,
    when_i_go_to,
    when_i_press,
)


def test_a_person_moves_to_another_opendsr_by_a_transfer_package(
    journey, make_user, make_person, team, other_icb, tmp_path
):
    j = journey
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    receiving = make_user(Role.DSR_LEAD, icb=other_icb, first_name="Olu", last_name="Other")
    person = make_person(given_name="Ada", family_name="Moving", team=team)
    record_event(
        person=person, type="mdt_held", date=dt.date(2027, 1, 12), by=lead, notes="Housing discussed"
    )

    given_i_am_logged_in_as(j, lead)
    when_i_go_to(j, f"/people/{person.pk}/")
    when_i_follow(j, "Make a transfer package for an ICB in another OpenDSR")
    then_i_see(j, "They will leave your register")
    when_i_fill_in(
        j,
        {
            "Which ICB are they moving to?": "NHS Far Away ICB",
            "Why are they moving?": "Moved home to live with her sister",
        },
    )
    when_i_press(j, "Make the package and take them off the register")
    then_i_see(j, "Transfer package made: Ada Moving has left your register")
    package = when_i_download(j, "Download the transfer package (JSON)", tmp_path)
    summary = when_i_download(j, "Download the summary (PDF)", tmp_path)
    then_the_pdf_says(summary, "Transfer package: Ada Moving", "NHS Far Away ICB", "Housing discussed")

    given_i_am_logged_in_as(j, receiving)
    when_i_go_to(j, "/records/transfers/")
    when_i_follow(j, "upload a transfer package you received")
    not_a_package = tmp_path / "register.csv"
    not_a_package.write_text("NHS No,Surname\n")
    j.page.get_by_label("Upload a transfer package").set_input_files(str(not_a_package))
    when_i_press(j, "Upload and check")
    then_the_page_reports_errors(j, "The file is not a transfer package: it is not JSON")
    j.page.get_by_label("Upload a transfer package").set_input_files(str(package))
    when_i_press(j, "Upload and check")
    then_i_see(j, "Check before importing Ada Moving", "Timeline events")
    when_i_press(j, "Import Ada Moving")
    then_i_see(j, "Imported: Ada Moving is on your register", "Moved here from")
