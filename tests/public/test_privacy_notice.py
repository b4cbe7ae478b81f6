"""The privacy notice on an ICB's public pages: the standard wording, true to what OpenDSR does, until the DSR
lead writes their own in settings; whatever they write is shown as plain text, never as HTML."""

from __future__ import annotations

import html as html_lib
import re

from tests.public.conftest import ODS

SETTINGS = {
    "service_name": "Test DSR team",
    "phone": "0300 000 1111",
    "hours": "Weekdays",
    "email": "",
    "criteria": "Anyone at risk of admission",
    "trusted_domains": "nhs.net",
    "published": "yes",
}


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_standard_notice_says_what_opendsr_does(front_door, visitor):
    page = text(visitor.get(f"/public/{ODS}/privacy/"))
    assert "NHS Test ICB keeps the dynamic support register using a system called OpenDSR" in page
    assert "we check with you at least every 12 months that you still agree" in page
    assert "the referral only reaches us when you follow it" in page  # a professional's confirmed address
    assert "<h2>What we keep</h2>" in visitor.get(f"/public/{ODS}/privacy/").content.decode()


def test_the_lead_writes_their_own_notice(front_door, visitor, lead, login):
    client = login(lead)
    shown = client.get("/administration/public-pages/").content.decode()
    assert "using a system called OpenDSR" in shown  # the standard wording to start from
    notice = "Our own notice.\n\n## Who to ask\nOur data protection officer, on 0300 000 9999."
    response = client.post("/administration/public-pages/", {**SETTINGS, "privacy_notice": notice})
    assert response.status_code == 302
    html = visitor.get(f"/public/{ODS}/privacy/").content.decode()
    assert "<p>Our own notice.</p>" in html and "<h2>Who to ask</h2>" in html
    assert "using a system called OpenDSR" not in html


def test_what_the_lead_writes_cannot_add_html(front_door, visitor):
    front_door.privacy_notice = '<script>alert(1)</script>\n\n## <a href="https://evil.example">Click</a>'
    front_door.save()
    html = visitor.get(f"/public/{ODS}/privacy/").content.decode()
    assert "<script>alert(1)" not in html and '<a href="https://evil.example">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_saving_the_standard_wording_keeps_following_it(front_door, lead, login):
    client = login(lead)
    form = client.get("/administration/public-pages/").content.decode()
    standard = re.search(r'<textarea[^>]*name="privacy_notice"[^>]*>(.*?)</textarea>', form, re.S).group(1)
    client.post("/administration/public-pages/", {**SETTINGS, "privacy_notice": html_lib.unescape(standard)})
    front_door.refresh_from_db()
    assert front_door.privacy_notice == ""  # the standard wording, kept up to date with what OpenDSR does
