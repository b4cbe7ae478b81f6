"""Given the DSR lead, when they add a user, then the new user sets a password from the emailed link, sets up
their security code, reaches their start page, and the lead finds all of it in the audit log."""

import pytest
from django.core import mail

from opendsr.accounts.models import Role

from .conftest import Journey
from .steps.accounts import (
    then_the_audit_log_lists,
    when_i_add_a_user,
    when_i_follow_the_link_in_my_email,
    when_i_open_the_add_a_user_page,
    when_i_search_the_audit_log,
    when_i_set_my_password,
    when_i_set_up_my_security_code_from_the_key_shown,
)
from .steps.common import (
    given_i_am_logged_in_as,
    then_i_am_logged_in_as,
    then_i_see,
    then_the_page_reports_errors,
    when_i_follow,
    when_i_press,
)


@pytest.fixture
def outbox(settings, live_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url  # links in emails lead to the server the browser uses
    mail.outbox = []
    return mail.outbox


def test_the_lead_adds_a_user_who_sets_up_their_account(journey, make_user, team, outbox, browser):
    j = journey
    lead = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    nia = "nia.newcomer@test.example"

    given_i_am_logged_in_as(j, lead)
    when_i_open_the_add_a_user_page(j)
    when_i_press(j, "Add user and send email")
    then_the_page_reports_errors(j)
    when_i_add_a_user(
        j,
        first_name="Nia",
        last_name="Newcomer",
        email=nia,
        role="Professional contributor",
        team=team.name,
        job_title="Community nurse",
    )
    then_i_see(j, "Nia Newcomer has been added")
    j.check("admin-user")

    # Then Nia is emailed a link to set a password
    assert [m.to for m in outbox] == [[nia]]

    # And in her own browser she sets a password and her security code, and lands on her start page
    context = browser.new_context(bypass_csp=True, viewport={"width": 1200, "height": 900})
    newcomer = Journey(context.new_page(), j.base_url)
    when_i_follow_the_link_in_my_email(newcomer, outbox[0])
    when_i_set_my_password(newcomer, "lantern river maple 42")
    when_i_set_up_my_security_code_from_the_key_shown(newcomer)
    then_i_am_logged_in_as(newcomer, "Nia Newcomer")
    context.close()

    # When the lead searches the audit log, then they find what Nia did and what they did
    when_i_search_the_audit_log(j, who=nia)
    then_the_audit_log_lists(j, "Password set", "Login second factor set up")
    when_i_search_the_audit_log(j, who=lead.email, what="user added")
    then_i_see(j, "Added nia.newcomer@test.example as Professional contributor")
    j.check("audit-log")

    # And the figures page for the ICB is there too, with no names on it
    when_i_follow(j, "Figures")
    then_i_see(j, "Anonymised figures for")
    j.check("figures")
