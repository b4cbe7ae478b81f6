"""C(E)TR pages. Organising a review (requests, arrangements, panel, invitations, checklist, the directory) is
in urls_organise; the meeting and what follows it (findings, safeguarding, rating, actions, report, payments)
in urls_meeting."""

import importlib

app_name = "reviews"
urlpatterns: list = []

for _name in ("opendsr.reviews.urls_organise", "opendsr.reviews.urls_meeting"):
    try:
        urlpatterns += importlib.import_module(_name).urlpatterns
    except ModuleNotFoundError as exc:
        if exc.name != _name:
            raise
