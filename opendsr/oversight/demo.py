"""Oversight's demo data, added by each part in turn. Safe to run twice."""

from opendsr.oversight.visits import demo as visits_demo


def load(context: dict) -> dict:
    return visits_demo.load(context)
