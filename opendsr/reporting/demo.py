"""The reporting demo: last month's return for the demo ICB, as the first working day of this month would have
made it, so the monthly returns page has one to show. Made without emailing anyone. Safe to run twice."""

from opendsr.reporting import returns
from opendsr.web.today import today as get_today


def load(context: dict) -> dict:
    context["monthly_return"] = returns.build(context["icb"], returns.month_before(get_today()), email=False)
    return context
