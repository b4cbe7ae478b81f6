"""The error summary links every message to a field, so following a link moves focus to where to fix it."""

import re

from opendsr.accounts.models import Role


def test_a_problem_with_the_whole_form_links_to_its_first_field(client, make_user):
    user = make_user(Role.CASE_MANAGER)
    page = client.post("/login/", {"email": user.email, "password": "not the password"}).content.decode()
    summary = page[page.index("nhsuk-error-summary__list") :]
    summary = summary[: summary.index("</ul>")]
    assert "Your email address or password is not right" in summary
    assert re.findall(r'href="#([^"]+)"', summary) == ["id_email"]
    assert 'id="id_email"' in page
