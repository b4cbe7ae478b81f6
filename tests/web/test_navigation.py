"""The header's menu and where each user starts: one current item, a panel member's reviews as their home, and
C(E)TR settings reachable for the DSR lead."""

import re

from opendsr.accounts.models import Role


def _current_items(page: str) -> list[str]:
    return re.findall(r'<a[^>]*aria-current="page"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', page)


def test_the_icb_overview_is_the_one_current_menu_item(lead, login):
    client = login(lead)
    assert [item.strip() for item in _current_items(client.get("/work/icb/").content.decode())] == [
        "ICB overview"
    ]
    assert [item.strip() for item in _current_items(client.get("/work/").content.decode())] == ["My work"]


def test_a_panel_members_home_is_their_reviews(make_user, login):
    client = login(make_user(Role.PANEL_MEMBER))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/reviews/"
    page = client.get("/reviews/").content.decode()
    assert "My work" not in page
    assert client.get("/work/").status_code == 403


def test_the_dsr_lead_finds_the_cetr_settings_and_key_lines_of_enquiry(lead, case_manager, login):
    client = login(lead)
    for page in (client.get("/administration/").content.decode(), client.get("/reviews/").content.decode()):
        assert 'href="/reviews/settings/"' in page and 'href="/reviews/kloe/"' in page
    page = login(case_manager).get("/reviews/").content.decode()
    assert "/reviews/settings/" not in page and "/reviews/kloe/" not in page
