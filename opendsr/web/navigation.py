"""The header's navigation, by what the user may do."""

from django.urls import NoReverseMatch, reverse

from opendsr.accounts import access
from opendsr.accounts.access import Action

# (label, url name, action needed)
ITEMS = [
    ("My work", "oversight:my_work", Action.VIEW_WORK),
    ("Register", "register:list", Action.VIEW_REGISTER),
    ("Referrals", "referrals:inbox", Action.MANAGE_REFERRALS),
    ("Reviews", "reviews:list", Action.VIEW_REVIEWS),
    ("ICB overview", "oversight:icb_work", Action.VIEW_ICB_WORK),
    ("DSR meetings", "meetings:list", Action.MANAGE_MEETINGS),
    ("Escalations", "escalations:list", Action.VIEW_ESCALATIONS),
    ("Oversight panel", "oversight:cohort", Action.VIEW_COHORT),
    ("Figures", "reporting:figures", Action.VIEW_FIGURES),
    ("Regional figures", "reporting:region", Action.VIEW_REGION_FIGURES),
    ("Long-term segregation", "inpatients:region_segregation", Action.VIEW_REGION_LTS),  # s14.4
    ("Administration", "web:admin_home", Action.MANAGE_USERS),
]


def navigation(request) -> list[dict]:
    user = request.user
    if not user.is_authenticated or not user.is_verified():
        return []
    items = []
    for label, name, action in ITEMS:
        if not access.allowed(user, action):
            continue
        try:
            href = reverse(name)
        except NoReverseMatch:
            continue
        items.append({"text": label, "href": href, "current": False})
    # One item is current: the one whose address is the longest start of this page's ("/work/icb/" is the ICB
    # overview, not "My work" at "/work/").
    matching = [item for item in items if item["href"] != "/" and request.path.startswith(item["href"])]
    if matching:
        max(matching, key=lambda item: len(item["href"]))["current"] = True
    return items
