"""The person page is made of panels contributed by each domain app.

Each module in PROVIDERS may define `person_panels(request, person) -> list[str]`, returning rendered HTML
(use `django.template.loader.render_to_string(template, context, request)`). The register's person page shows
them in this order after its own summary. Apps add to a person's page without editing the register's views.
"""

from __future__ import annotations

import importlib

from markupsafe import Markup

PROVIDERS = [
    "opendsr.oversight.panels",  # obligations: met, due and overdue, with their citations
    "opendsr.referrals.panels",  # referrals and letters
    "opendsr.reviews.panels",  # C(E)TRs, requests, actions
]


def person_panels(request, person) -> list[Markup]:
    html = []
    for name in PROVIDERS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        provider = getattr(module, "person_panels", None)
        if provider is not None:
            html.extend(Markup(part) for part in provider(request, person))
    return html
