"""Given a member of staff with an account, when they log in with password and code, then they reach their work."""

from opendsr.accounts.models import Role

from .steps.common import (
    given_i_am_logged_in_as,
    then_i_see,
    then_the_page_reports_errors,
    when_i_go_to,
    when_i_log_in_with_my_password,
    when_i_press,
)


def test_staff_log_in_with_password_then_security_code(journey, make_user):
    j = journey
    user = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    when_i_go_to(j, "/")
    then_i_see(j, "Log in to OpenDSR")
    when_i_log_in_with_my_password(j, user.email, "wrong password here")
    then_the_page_reports_errors(j, "Your email address or password is not right")
    given_i_am_logged_in_as(j, user)
    j.check("login-home")


def test_error_summary_links_move_focus_to_their_fields(journey):
    j = journey
    when_i_go_to(j, "/login/")
    when_i_press(j, "Continue")
    then_the_page_reports_errors(j, "Enter your email address")
