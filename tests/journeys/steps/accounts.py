"""Steps for accounts: adding a user, a newcomer setting up their account, and the audit log."""

import re

from .common import (
    code_from_the_key_shown,
    then_i_see,
    when_i_choose,
    when_i_fill_in,
    when_i_follow,
    when_i_go_to,
    when_i_press,
    when_i_press_the_start_button,
)

# -------------------------------------------------------------------------------------------------- when


def when_i_add_a_user(
    j, *, first_name: str, last_name: str, email: str, role: str, team: str, job_title: str
):
    """Fill in the add-a-user form (the page is already open) and send it."""
    when_i_fill_in(j, {"First name": first_name, "Last name": last_name, "Email address": email})
    when_i_choose(j, role)
    j.page.get_by_label("Team", exact=True).select_option(label=team)
    when_i_fill_in(j, {"Job title": job_title})
    j.check("admin-add-user")
    when_i_press(j, "Add user and send email")


def when_i_open_the_add_a_user_page(j):
    when_i_go_to(j, "/administration/")
    j.check("admin-home")
    when_i_follow(j, "Users")
    when_i_press_the_start_button(j, "Add a user")


def when_i_follow_the_link_in_my_email(j, email) -> None:
    link = re.search(r"http://\S+/login/password/\S+/", email.body).group(0)
    j.page.goto(link)
    j.check("set-password")


def when_i_set_my_password(j, password: str):
    j.page.get_by_label("New password", exact=True).fill(password)
    when_i_fill_in(j, {"Confirm new password": password})
    when_i_press(j, "Set password")


def when_i_set_up_my_security_code_from_the_key_shown(j):
    """As someone who cannot scan the picture: open "I cannot scan the code", type the key into an
    authenticator app, and enter the code it shows."""
    then_i_see(j, "Set up your security code")
    j.check("set-up-code")
    j.page.get_by_text("I cannot scan the code").click()
    key = j.page.locator("main details code").inner_text().strip()
    when_i_fill_in(j, {"Security code": code_from_the_key_shown(key)})
    when_i_press(j, "Continue")


def when_i_search_the_audit_log(j, *, who: str, what: str | None = None):
    when_i_go_to(j, "/audit/")
    when_i_fill_in(j, {"Who did it": who})
    if what is not None:
        j.page.get_by_label("What was done").select_option(label=what)
    when_i_press(j, "Search")


# -------------------------------------------------------------------------------------------------- then


def then_the_audit_log_lists(j, *what: str):
    """Each of these is what was done ("Person created") in some entry of the audit log's table."""
    cells = j.page.locator("main tbody tr td:nth-child(3)").all_inner_texts()
    done = {cell.splitlines()[0].strip() for cell in cells}
    missing = [words for words in what if words not in done]
    assert not missing, f"the audit log lists no {missing}; it lists {sorted(done)}"
