"""Browser journeys: given/when/then steps in Debian's chromium, with an axe check on every page visited."""

import json
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from opendsr.accounts import totp

AXE = (Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js").read_text()
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

pytestmark = pytest.mark.journey


class Journey:
    """A person using OpenDSR in the browser. Every page they reach is checked with axe."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.checked: list[str] = []
        self.shots = 0

    def go(self, path: str):
        self.page.goto(self.base_url + path)
        self.check()
        return self.page

    def check(self, name: str | None = None):
        """Run axe on the current page and fail on any violation; keep a screenshot to look at."""
        self.page.wait_for_load_state("load")
        self.page.add_script_tag(content=AXE)
        result = self.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]
        ]
        assert violations == [], f"axe found problems on {self.page.url}: {json.dumps(violations, indent=1)}"
        self.checked.append(self.page.url)
        if name:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.shots += 1
            self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def click(self, text: str, *, role: str = "link"):
        if role == "button":
            self.page.get_by_role("button", name=text, exact=True).first.click()
        else:
            target = self.page.get_by_role(role, name=text).first
            if role == "link" and not target.is_visible():
                self._open_more_menu()
            target.click()
        self.check()

    def _open_more_menu(self):
        """On a narrow header the NHS.UK header puts the last navigation items under "More", as a user sees."""
        more = self.page.locator(".nhsuk-header__menu-toggle")
        if more.count() and more.first.is_visible():
            more.first.click()

    def submit(self, text: str = "Continue"):
        self.page.get_by_role("button", name=text, exact=True).first.click()
        self.check()

    def log_in(self, user, password="correct-horse-battery"):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
        self.go("/login/")
        self.page.get_by_label("Email address").fill(user.email)
        self.page.get_by_label("Password").fill(password)
        self.submit("Continue")
        self.page.get_by_label("Security code").fill(totp.current_code(device))
        self.submit("Log in")
        return self


@pytest.fixture
def journey(page, live_server, transactional_db):
    return Journey(page, live_server.url)
