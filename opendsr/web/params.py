"""Reading values from a query string or a URL safely: whatever is typed into an address bar, the page answers
with its default or a 404, never a crash."""

from __future__ import annotations

import re

# The largest id a database row can have (a 64-bit signed integer).
MAX_ID = 2**63 - 1
_WHOLE_NUMBER = re.compile(r"[0-9]{1,19}", re.ASCII)


def whole_number(value, *, default: int | None = None, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The value as a whole number between minimum and maximum, or `default`. Only the digits 0 to 9 count:
    "²", "٣", "-1", "1e5", "" and a number too large for the database all give the default."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not _WHOLE_NUMBER.fullmatch(text):
            return default
        number = int(text)
    return number if minimum <= number <= maximum else default


def query_without_page(request) -> str:
    """The page's query string without its page number: what a list's page links add their own to."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
