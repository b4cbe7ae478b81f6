"""The header's navigation, by what the user may do."""

from django.urls import NoReverseMatch, reverse

from opendsr.accounts import access
from opendsr.accounts.access import Action

# (label, url name, action needed)
ITEMS = [
    ("My work", "oversight:my_work", Action.VIEW_WORK),
    ("Register", "register:list", Action.VIEW_REGISTER),
    ("Referrals", "referrals:inbox", Action.MANAGE_REFERRALS),
    ("Reviews", "reviews:list", Action.VIEW_WORK),
    ("ICB overview", "oversight:icb_work", Action.VIEW_ICB_WORK),
    ("Oversight panel", "oversight:cohort", Action.VIEW_COHORT),
    ("Figures", "reporting:figures", Action.VIEW_FIGURES),
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
        items.append({"text": label, "href": href, "current": request.path.startswith(href) and href != "/"})
    return items
