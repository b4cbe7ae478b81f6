"""How values read on a page, in the NHS.UK content style ("4 January 2027")."""

from datetime import date, datetime

from django.utils import timezone


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
