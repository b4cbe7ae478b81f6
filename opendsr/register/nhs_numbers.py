"""NHS numbers: validation (the nhs-number package's modulus 11 check) and the 999 test range for demo data."""

from __future__ import annotations

import nhs_number


def normalise(value: str) -> str:
    return "".join(ch for ch in str(value or "") if ch.isdigit())


def is_valid(value: str) -> bool:
    digits = normalise(value)
    return len(digits) == 10 and nhs_number.is_valid(digits)


def check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit, or None when the nine digits can make no valid number."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def test_range(start: int = 0):
    """Valid NHS numbers from the 999 test range, in order: never a real person's."""
    serial = start
    while serial < 10_000_000:
        first_nine = f"999{serial:06d}"
        digit = check_digit(first_nine)
        serial += 1
        if digit is not None:
            yield f"{first_nine}{digit}"


test_range.__test__ = False  # not a pytest test
