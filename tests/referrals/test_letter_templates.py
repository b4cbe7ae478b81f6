"""Letter templates: only plain placeholders are saved, and no template, however it was saved, breaks a letter."""

import html

import pytest

from opendsr.referrals import letters
from opendsr.referrals.models import LetterKind, LetterTemplate
from tests.referrals.factories import ReferralFactory

EDIT = "/referrals/templates/acknowledgement/"


@pytest.mark.parametrize(
    "placeholder",
    ["{first_name:d}", "{first_name!x}", "{first_name:{contact}}", "{first_name:>5000000}", "{first_name!r}"],
)
def test_a_placeholder_with_a_format_or_conversion_is_refused_naming_it(login, lead, placeholder):
    client = login(lead)
    response = client.post(EDIT, {"subject": "Hello", "body": f"Dear {placeholder},\n\nWe got it."})
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f"The letter uses {placeholder}" in page
    assert "Write {first_name}" in page
    assert not LetterTemplate.objects.exists()


def test_a_subject_on_two_lines_is_refused(login, lead):
    response = login(lead).post(EDIT, {"subject": "Hello\r\nBcc: x@example.org", "body": "Dear {first_name}"})
    assert "The subject must be on one line" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_plain_placeholders_are_saved(login, lead):
    response = login(lead).post(
        EDIT, {"subject": "For {person_name}", "body": "Dear {first_name},\n\n{contact}"}
    )
    assert response.status_code == 302
    assert LetterTemplate.objects.get().body.startswith("Dear {first_name}")


@pytest.mark.parametrize(
    "body",
    [
        "Dear {first_name:d},",
        "Dear {first_name!x},",
        "Dear {first_name:{contact}},",
        "Dear {first_name:>5000000},",
        "Dear {first_name.__class__},",
        "Dear {0} {} {first_name",
    ],
)
def test_a_template_saved_before_the_check_still_makes_a_letter(login, lead, icb, person, body):
    # Saved straight to the database, as a template saved by an older OpenDSR would be.
    LetterTemplate.objects.create(
        icb=icb, kind=LetterKind.ACKNOWLEDGEMENT, subject="{first_name:>999999}", body=body
    )
    referral = ReferralFactory(person=person)
    response = login(lead).get(f"/referrals/{referral.pk}/acknowledge/")
    assert response.status_code == 200
    assert len(response.content) < 100_000
    assert "Dear" in response.content.decode()


def test_a_letter_is_capped_whatever_the_answers_hold():
    rendered = letters.render(
        "{not_eligible_reason}", "Why: {not_eligible_reason}", {"not_eligible_reason": "word " * 100_000}
    )
    assert len(rendered.subject) <= letters.MAX_SUBJECT
    assert len(rendered.body) <= letters.MAX_BODY
    assert rendered.body.endswith("…")


def test_the_words_you_can_fill_in_fold_out_has_a_name_and_lists_them(login, lead):
    page = login(lead).get(EDIT).content.decode()
    summary = page.split('<span class="nhsuk-details__summary-text">', 1)[1].split("</span>", 1)[0]
    assert summary.strip() == "Words you can fill in"
    assert "{first_name}" in page and "The person&#39;s first name" in page
