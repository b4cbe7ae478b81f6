"""Given a member of staff with an account, when they log in with password and code, then they reach their work."""

from opendsr.accounts.models import Role


def test_staff_log_in_with_password_then_security_code(journey, make_user):
    user = make_user(Role.DSR_LEAD, first_name="Lena", last_name="Lead")
    journey.go("/")
    assert "Log in to OpenDSR" in journey.page.content()
    journey.page.get_by_label("Email address").fill(user.email)
    journey.page.get_by_label("Password").fill("wrong password here")
    journey.submit("Continue")
    assert journey.page.title().startswith("Error: ")
    assert "Your email address or password is not right" in journey.page.inner_text("main")
    journey.log_in(user)
    assert "Lena Lead" in journey.page.inner_text("header")
    journey.check("login-home")


def test_error_summary_link_moves_focus_to_the_field(journey):
    journey.go("/login/")
    journey.submit("Continue")
    journey.page.get_by_role("link", name="Enter your email address").click()
    assert journey.page.evaluate("document.activeElement.id") == "id_email"
