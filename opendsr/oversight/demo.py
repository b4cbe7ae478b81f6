"""Oversight's demo data, added by each part in turn. Safe to run twice."""

from opendsr.oversight.ics_panel import demo as ics_panel_demo
from opendsr.oversight.visits import demo as visits_demo


def load(context: dict) -> dict:
    context = visits_demo.load(context)
    return ics_panel_demo.load(context)  # the ICS oversight panel (s18), after the escalations it reviews
