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


def _summary_for(user):
    """The error summary of a form refused with a message that names the page where it is put right."""
    from django import forms
    from django.core.exceptions import ValidationError
    from django.template import engines
    from django.test import RequestFactory

    from opendsr.web.forms import show_refusal

    class RatingForm(forms.Form):
        rating = forms.CharField()

    form = RatingForm({"rating": "amber"})
    form.is_valid()
    show_refusal(
        form,
        ValidationError(
            {"rating": ValidationError("Record consent first", params={"link": ("register:consent", 7)})}
        ),
    )
    request = RequestFactory().get("/")
    request.user = user
    return engines["jinja2"].from_string("{{ error_summary(form) }}").render({"form": form}, request=request)


def test_a_refusal_links_to_the_page_that_puts_it_right_for_those_who_may_open_it(make_user):
    summary = _summary_for(make_user(Role.CASE_MANAGER))
    assert re.findall(r'href="([^"]+)"', summary) == ["/people/7/consent/"]
    assert "Record consent first" in summary


def test_a_refusal_links_to_its_field_for_those_who_may_not_open_that_page(make_user):
    summary = _summary_for(make_user(Role.PROFESSIONAL))  # a professional does not record consent
    assert re.findall(r'href="([^"]+)"', summary) == ["#id_rating"]
    assert "Record consent first" in summary
