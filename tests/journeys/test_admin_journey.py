"""Given the DSR lead, when they add a user, then the new user sets a password from the emailed link, sets up
their security code, reaches their start page, and the lead finds all of it in the audit log."""

import re

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendsr.accounts import totp
from opendsr.accounts.models import Role, User


@pytest.fixture
def outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox


def test_the_lead_adds_a_user_who_sets_up_their_account(journey, make_user, team, outbox, browser):
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    page = journey.page

    # Given the DSR lead, when they add a user
    journey.log_in(lead)
    journey.go("/administration/")
    journey.check("admin-home")
    journey.click("Users")
    journey.click("Add a user", role="button")
    journey.submit("Add user and send email")
    assert page.title().startswith("Error: ")
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Newcomer")
    page.get_by_label("Email address").fill("nia.newcomer@test.example")
    page.get_by_label("Professional contributor").check()
    page.get_by_label("Team").select_option(label=team.name)
    page.get_by_label("Job title").fill("Community nurse")
    journey.check("admin-add-user")
    journey.submit("Add user and send email")
    assert "Nia Newcomer has been added" in page.inner_text("main")
    journey.check("admin-user")

    # then the email with the set-password link is sent
    assert [m.to for m in outbox] == [["nia.newcomer@test.example"]]
    link = re.search(r"http://\S+/login/password/\S+/", outbox[0].body).group(0)

    # and the new user, in their own browser, sets a password and their security code
    context = browser.new_context(bypass_csp=True, viewport={"width": 1200, "height": 900})
    newcomer = type(journey)(context.new_page(), journey.base_url)
    newcomer.page.goto(link)
    newcomer.check("set-password")
    newcomer.page.get_by_label("New password", exact=True).fill("lantern river maple 42")
    newcomer.page.get_by_label("Confirm new password").fill("lantern river maple 42")
    newcomer.submit("Set password")
    assert "Set up your security code" in newcomer.page.inner_text("main")
    newcomer.check("set-up-code")
    nia = User.objects.get(email="nia.newcomer@test.example")
    device = TOTPDevice.objects.get(user=nia, confirmed=False)
    newcomer.page.get_by_label("Security code").fill(totp.current_code(device))
    newcomer.submit("Continue")
    # and lands on their start page, logged in
    assert "Nia Newcomer" in newcomer.page.inner_text("header")
    assert "/login" not in newcomer.page.url
    context.close()

    # When the lead searches the audit log for what happened
    journey.go("/audit/")
    page.get_by_label("Who did it").fill(nia.email)
    journey.submit("Search")
    main = page.inner_text("main")
    assert "password.set" in main and "login.second_factor_set_up" in main
    page.get_by_label("Who did it").fill(lead.email)
    page.get_by_label("What was done").select_option("user.added")
    journey.submit("Search")
    assert "Added nia.newcomer@test.example as Professional contributor" in page.inner_text("main")
    journey.check("audit-log")

    # and the figures page for the ICB is there too, with no names on it
    journey.click("Figures")
    assert "Anonymised figures for" in page.inner_text("main")
    journey.check("figures")
