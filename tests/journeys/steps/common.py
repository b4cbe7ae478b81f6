"""Steps every journey uses: logging in, moving about, reading the page, errors, dates and downloads."""

import base64
import datetime as dt
import subprocess
from pathlib import Path

from django_otp.oath import TOTP

from ..conftest import SCREENSHOTS


def nhs_date(day: dt.date) -> str:
    """A date as pages write it: "4 January 2027"."""
    return f"{day.day} {day:%B %Y}"


# ------------------------------------------------------------------------------------------------- given


def given_i_am_logged_in_as(j, user):
    """Log in with password and security code from the user's authenticator app (set up beforehand)."""
    j.page.context.clear_cookies()
    j.log_in(user)
    then_i_am_logged_in_as(j, f"{user.first_name} {user.last_name}")


# -------------------------------------------------------------------------------------------------- when


def when_i_log_in_with_my_password(j, email: str, password: str):
    j.go("/login/")
    then_i_see(j, "Log in to OpenDSR")
    j.page.get_by_label("Email address").fill(email)
    j.page.get_by_label("Password").fill(password)
    j.submit("Continue")


def when_i_go_to(j, path: str):
    j.go(path)


def when_i_return_to(j, url: str):
    """Go back to a page seen earlier in the journey, by its full address."""
    j.page.goto(url)
    j.check()


def when_i_follow(j, link: str):
    j.click(link)


def when_i_press(j, button: str):
    j.submit(button)


def when_i_press_the_start_button(j, button: str):
    j.click(button, role="button")


def when_i_fill_in(j, fields: dict[str, str], *, exact: bool = False):
    for label, value in fields.items():
        j.page.get_by_label(label, exact=exact).fill(value)


def when_i_choose(j, *labels: str, exact: bool = True):
    """Tick radios or checkboxes by their labels."""
    for label in labels:
        j.page.get_by_label(label, exact=exact).check()


def when_i_select(j, selections: dict[str, str]):
    """Pick an option, by its visible text, in each select."""
    for label, option in selections.items():
        j.page.get_by_label(label).select_option(label=option)


def when_i_enter_the_date(j, name: str, day: dt.date):
    """Fill a day/month/year date field; `name` is the field's name ("date_of_birth")."""
    j.page.locator(f"#id_{name}_day").fill(str(day.day))
    j.page.locator(f"#id_{name}_month").fill(str(day.month))
    j.page.locator(f"#id_{name}_year").fill(str(day.year))


def when_i_download(j, link: str, folder: Path, *, last: bool = False) -> Path:
    """Follow a download link; the file is kept in `folder` under the name the browser was given."""
    with j.page.expect_download() as download:
        links = j.page.get_by_role("link", name=link)
        (links.last if last else links.first).click()
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


# -------------------------------------------------------------------------------------------------- then


def main_text(j) -> str:
    return j.page.inner_text("main")


def then_i_see(j, *texts: str):
    main = main_text(j)
    for text in texts:
        assert text in main, f"{text!r} is not on {j.page.url}:\n{main}"


def then_i_do_not_see(j, *texts: str):
    main = main_text(j)
    for text in texts:
        assert text not in main, f"{text!r} is on {j.page.url}"


def then_i_am_logged_in_as(j, name: str):
    assert name in j.page.inner_text("header")
    assert "/login" not in j.page.url


def then_the_row_for(j, who: str, *texts: str):
    """The table row that names `who` says each of the texts."""
    row = j.page.locator("tbody tr", has_text=who).inner_text()
    for text in texts:
        assert text in row, f"{text!r} is not in the row for {who}: {row}"


def then_the_field_keeps(j, label: str, value: str):
    assert j.page.get_by_label(label).input_value() == value


def then_the_option_is_chosen(j, label: str):
    assert j.page.get_by_label(label, exact=True).is_checked()


def then_the_page_reports_errors(j, *messages: str):
    """A failed post: the title starts "Error: ", the error summary lists each message, and each of its
    links moves focus to the field it names."""
    assert j.page.title().startswith("Error: "), j.page.title()
    summary = j.page.locator(".nhsuk-error-summary")
    text = summary.inner_text()
    for message in messages:
        assert message in text, f"{message!r} is not in the error summary: {text}"
    links = summary.locator("a")
    assert links.count() > 0, "the error summary links to no field"
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("href").split("#", 1)[1]
        link.click()
        focused = j.page.evaluate("document.activeElement && document.activeElement.id")
        assert focused == target, (
            f"{link.inner_text()!r} moved focus to {focused!r}, not its field {target!r}"
        )


def then_the_pdf_says(pdf: Path, *texts: str) -> str:
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for words in texts:
        assert words in text, words
    return text


def keep_a_picture_of_the_pdf(pdf: Path, name: str):
    """Keep the first page of a PDF as a picture beside the screenshots, to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-singlefile", str(pdf), str(SCREENSHOTS / name)],
        check=True,
    )


def code_from_the_key_shown(key: str) -> str:
    """What an authenticator app shows for the key the page gives to type in."""
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    return f"{TOTP(secret).token():06d}"
