"""Given a case manager, when a self-referral comes in by phone, they record it, acknowledge it by email, decide
the rating with the instrument and send the outcome letter as a PDF; the inbox shows each deadline and then
the referral closed; and the DSR lead sees it all in the audit log."""

import subprocess
from pathlib import Path

from opendsr.accounts.models import Role
from opendsr.register.nhs_numbers import test_range

from .conftest import SCREENSHOTS
from .test_register_journey import AMBER_ANSWERS, answer_instrument


def test_a_referral_from_phone_call_to_outcome_letter(journey, make_user, tmp_path):
    case_manager = make_user(Role.CASE_MANAGER, first_name="Carl", last_name="Case")
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    page = journey.page

    # Given I am a case manager with an empty inbox
    journey.log_in(case_manager)
    journey.go("/referrals/")
    assert "There are no open referrals" in page.inner_text("main")

    # When Robin phones on Thursday 25 February 2027 to refer themselves
    journey.click("Record a referral", role="button")
    page.locator("#id_received_on_day").fill("25")
    page.locator("#id_received_on_month").fill("2")
    page.locator("#id_received_on_year").fill("2027")
    page.get_by_label("The person themselves").check()
    page.get_by_label("Phone call").check()
    page.get_by_label("NHS number (optional)").fill(next(test_range(910_000)))
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Hale")
    journey.submit("Record the referral")
    # Then the gaps are explained and what I typed is kept
    assert page.title().startswith("Error: ")
    assert "Enter why they are being referred" in page.inner_text(".nhsuk-error-summary")
    assert page.get_by_label("Last name").input_value() == "Hale"
    page.locator("#id_date_of_birth_day").fill("2")
    page.locator("#id_date_of_birth_month").fill("4")
    page.locator("#id_date_of_birth_year").fill("2001")
    page.get_by_label("Autistic", exact=True).check()
    page.get_by_label("Their email address (optional)").fill("robin.hale@example.org")
    page.get_by_label("Why are they being referred?").fill("Things are getting too much; two visits to A&E.")
    page.get_by_label("Has presented to urgent and emergency care services", exact=False).check()
    journey.submit("Record the referral")
    assert "The referral for Robin Hale is recorded" in page.inner_text("main")
    journey.check("referral-recorded")
    referral_url = page.url

    # Then the inbox says it must be acknowledged in 5 working days, over the weekend
    journey.go("/referrals/")
    row = page.locator("tbody tr", has_text="Robin Hale").inner_text()
    assert "Acknowledge by 4 March 2027" in row and "due in 3 days" in row
    journey.check("referral-inbox")

    # When I acknowledge it by email
    page.goto(referral_url)
    journey.click("Acknowledge the referral")
    assert (
        "We received a referral for you to the dynamic support register on 25 February 2027"
        in page.inner_text("main")
    )
    journey.check("referral-acknowledge")
    journey.submit("Send the letter")
    assert "The acknowledgement is recorded" in page.inner_text("main")
    assert "emailed to robin.hale@example.org" in page.inner_text("main")

    # And decide the rating with the instrument, from the referral's task list
    journey.click("Decide their rating")
    answer_instrument(page, AMBER_ANSWERS)
    journey.submit("Continue")
    assert "Amber" in page.inner_text("main")
    page.get_by_label("Amber", exact=True).check()
    journey.submit("Save rating")
    assert "The rating decision is saved: amber" in page.inner_text("main")

    # And send the outcome as a PDF to print
    page.goto(referral_url)
    journey.check()
    journey.click("Send the outcome")
    assert "Your rating is amber" in page.inner_text("main")
    page.get_by_label("Downloaded as a PDF to print or attach").check()
    journey.submit("Send the letter")
    assert "Download the letter below" in page.inner_text("main")
    journey.check("referral-closed")
    with page.expect_download() as download:
        page.get_by_role("link", name="download the PDF").last.click()
    pdf = tmp_path / "outcome.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Dear Robin" in text and "Your rating is amber" in text
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-singlefile",
            str(pdf),
            str(Path(SCREENSHOTS) / "referral-outcome-letter"),
        ],
        check=True,
    )

    # Then the inbox shows nothing open, and the referral among the closed ones
    journey.go("/referrals/")
    assert "There are no open referrals" in page.inner_text("main")
    journey.go("/referrals/?stage=closed")
    assert "Outcome sent" in page.locator("tbody tr", has_text="Robin Hale").inner_text()

    # And the DSR lead sees the referral, the letters and the rating in the audit log
    page.context.clear_cookies()
    journey.log_in(lead)
    journey.go("/audit/")
    log = page.inner_text("main")
    for action in (
        "referral.recorded",
        "letter.sent",
        "rating.recorded",
        "letter.recorded",
        "letter.downloaded",
    ):
        assert action in log, action
    journey.check("referral-audit-log")
