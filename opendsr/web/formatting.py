"""How values read on a page, in the NHS.UK content style ("4 January 2027")."""

from datetime import date, datetime

from django.utils import timezone

from opendsr.policy import Days, Months, Weeks, WorkingDays
from opendsr.policy.rules import admission, consent, oversight, referral, reviews, stratification


def nhs_date(value: date | datetime | None, empty: str = "Not recorded") -> str:
    if value is None or value == "":
        return empty
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return f"{value.day} {value:%B %Y}"


def nhs_datetime(value: datetime | None, empty: str = "Not recorded") -> str:
    if value is None:
        return empty
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.strftime("%I").lstrip("0") or "12"
    return f"{local.day} {local:%B %Y} at {hour}:{local:%M}{local:%p}".replace("AM", "am").replace("PM", "pm")


def nhs_number(value: str | None, empty: str = "Not known") -> str:
    if not value:
        return empty
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if len(digits) != 10:
        return str(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def days_phrase(days: int | None) -> str:
    """'today', 'in 3 days', '1 day overdue', '12 days overdue'."""
    if days is None:
        return "no date set"
    if days == 0:
        return "due today"
    if days > 0:
        return f"due in {days} day{'s' if days != 1 else ''}"
    return f"{-days} day{'s' if days != -1 else ''} overdue"


def yes_no(value: bool | None, empty: str = "Not recorded") -> str:
    if value is None:
        return empty
    return "Yes" if value else "No"


def default_dash(value, empty: str = "Not recorded"):
    return empty if value in (None, "") else value


def timescale(span) -> str:
    """A policy timescale as a sentence says it: "5 working days", "4 weeks", "24 hours", "12 months"."""

    def plural(n: int, unit: str) -> str:
        return f"{n} {unit}{'' if n == 1 else 's'}"

    if isinstance(span, WorkingDays):
        return plural(span.n, "working day")
    if isinstance(span, Months):
        return plural(span.n, "month")
    if isinstance(span, Weeks):
        return plural(span.n, "week")
    if isinstance(span, Days):
        if span.n <= 2:
            return f"{24 * span.n} hours"
        return plural(span.n // 7, "week") if span.n % 7 == 0 else plural(span.n, "day")
    raise TypeError(f"not a policy timescale: {span!r}")


def how_often(span) -> str:
    """How often something recurring at most `span` apart happens, in the policy's words: "quarterly" for
    3 months."""
    if isinstance(span, Months) and span.n in (1, 3, 12):
        return {1: "monthly", 3: "quarterly", 12: "yearly"}[span.n]
    return f"every {timescale(span)}"


def timescales() -> dict[str, str]:
    """The timescales pages and letters state, read from the policy core so the words follow the rules."""
    return {
        "acknowledge_referral": timescale(referral.ACKNOWLEDGE_REFERRAL),
        "stratify_referral": timescale(referral.STRATIFY_REFERRAL),
        "communicate_outcome": timescale(stratification.COMMUNICATE_OUTCOME),
        "recheck_consent": timescale(consent.RECHECK_CONSENT),
        "cetr_report": timescale(reviews.CETR_REPORT),
        "lts_report": timescale(admission.LTS_REPORT),
        "transfer_cetr": timescale(admission.TRANSFER_CETR),
        "moj_contact": timescale(admission.MOJ_CONTACT),
        "oversight_visit_cyp": timescale(oversight.OVERSIGHT_VISIT_CYP),
        "oversight_visit_adult": timescale(oversight.OVERSIGHT_VISIT_ADULT),
        "segregation_entitlement": timescale(admission.SEGREGATION_ENTITLEMENT),
        "panel_meets": how_often(oversight.PANEL_REVIEW),
        "panel_gap": timescale(oversight.PANEL_REVIEW),
    }
