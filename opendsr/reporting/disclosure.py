"""Small-number disclosure control for published figures. Plain functions over plain data: no Django.

A count from 1 up to the ICB's threshold (7 unless it sets another) is not shown (primary suppression). Where a
hidden count could then be worked out from a total that is shown, another count is hidden with it (secondary
suppression), until no hidden count can be worked out from the counts and totals that are shown. Counts that
are shown may also be rounded to the nearest 5. A rate is shown only when both of its counts are.

A table is a flat list of counts and the sums that hold between them: `(total, parts)` says that the count at
index `total` is the sum of the counts at the indices in `parts`. A breakdown is one sum; a table with row and
column totals is one sum per row and per column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

DEFAULT_THRESHOLD = 7  # the ICB may set another
HIDDEN_TEXT = "not shown"
HIDDEN_MARK = "*"  # what a download holds in place of a hidden count


@dataclass(frozen=True)
class Rule:
    """The rule in force: counts from 1 to `threshold` hidden; shown counts rounded to the nearest `round_to`."""

    threshold: int = DEFAULT_THRESHOLD
    round_to: int = 1

    def describe(self) -> str:
        text = (
            f"Counts from 1 to {self.threshold} are not shown, and where a hidden count could be worked out from "
            "a total, another count is not shown either. Percentages and averages are not shown where a count "
            "they come from is not shown."
        )
        if self.round_to > 1:
            text += (
                f" Other counts are rounded to the nearest {self.round_to}, so totals may not add up exactly."
            )
        return text

    def rounded(self, value: int) -> int:
        if self.round_to <= 1:
            return value
        return ((value + self.round_to // 2) // self.round_to) * self.round_to


@dataclass(frozen=True)
class Published:
    """One count as it may be published: `shown` is None when it is hidden, and `text` never gives it away."""

    shown: int | None

    @property
    def hidden(self) -> bool:
        return self.shown is None

    @property
    def text(self) -> str:
        return HIDDEN_TEXT if self.shown is None else f"{self.shown:,}"

    @property
    def mark(self) -> int | str:
        """The value a download holds."""
        return HIDDEN_MARK if self.shown is None else self.shown


Sum = tuple[int, Sequence[int]]


def primary(values: Sequence[int], rule: Rule) -> set[int]:
    return {i for i, value in enumerate(values) if 0 < value <= rule.threshold}


def recoverable(values: Sequence[int], sums: Sequence[Sum], hidden: set[int]) -> set[int]:
    """The hidden cells whose value follows from the sums and the cells that are shown.

    A reader knows a hidden count is at least 1 (a 0 is always shown), so hidden parts whose known sum equals
    their number are each 1: they are recoverable too.

    Each sum is a linear equation; moving the shown cells to the right-hand side leaves a system in the hidden
    cells. A hidden cell is fixed exactly when its unit vector lies in the row space of that system, which in
    reduced row echelon form shows as a row with a single non-zero entry."""
    unknowns = sorted(hidden)
    column = {cell: n for n, cell in enumerate(unknowns)}
    rows: list[list[Fraction]] = []
    for total, parts in sums:
        row = [Fraction(0)] * len(unknowns)
        for cell, sign in [(total, 1), *((part, -1) for part in parts)]:
            if cell in column:
                row[column[cell]] += sign
        if any(row):
            rows.append(row)
    pivot_row = 0
    for col in range(len(unknowns)):
        pivot = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
    fixed = set()
    for total, parts in sums:
        hidden_parts = [part for part in parts if part in hidden]
        if total not in hidden and hidden_parts and sum(values[p] for p in hidden_parts) == len(hidden_parts):
            fixed.update(hidden_parts)
    for row in rows[:pivot_row]:
        nonzero = [n for n, value in enumerate(row) if value != 0]
        if len(nonzero) == 1:
            fixed.add(unknowns[nonzero[0]])
    return fixed


def _cost(values: Sequence[int], sums: Sequence[Sum]):
    """Which shown count to hide first: a part before a total, the smallest, a zero only when nothing else will do."""
    totals = {total for total, _ in sums}
    return lambda i: (values[i] == 0, i in totals, values[i], i)


def _companions(sums: Sequence[Sum], hidden: set[int], cell: int) -> set[int]:
    """The shown counts that share a sum with a recoverable hidden one."""
    candidates = set()
    for total, parts in sums:
        members = {total, *parts}
        if cell in members:
            candidates |= members - hidden
    return candidates


def protect(values: Sequence[int], sums: Sequence[Sum], rule: Rule) -> list[Published]:
    """Primary and secondary suppression, then rounding, of one table."""
    hidden = primary(values, rule)
    while fixed := recoverable(values, sums, hidden):
        extra = set().union(*(_companions(sums, hidden, cell) for cell in fixed))
        if not extra:  # pragma: no cover - a recoverable cell always shares a sum with a shown one
            break
        hidden.add(min(extra, key=_cost(values, sums)))
    return [Published(None if i in hidden else rule.rounded(value)) for i, value in enumerate(values)]


def single(value: int, rule: Rule) -> Published:
    """A count published on its own, with no total beside it."""
    return protect([value], [], rule)[0]


def breakdown(values: Sequence[int], rule: Rule) -> tuple[list[Published], Published]:
    """The cells of a breakdown and their total, protected together."""
    cells = protect([*values, sum(values)], [(len(values), range(len(values)))], rule)
    return cells[:-1], cells[-1]


def grid(
    rows: Sequence[Sequence[int]], rule: Rule
) -> tuple[list[list[Published]], list[Published], list[Published], Published]:
    """A table with a total for each row, each column and the whole, protected together: (cells, row totals,
    column totals, grand total)."""
    height = len(rows)
    width = len(rows[0]) if rows else 0
    values: list[int] = [value for row in rows for value in row]
    row_totals = [len(values) + r for r in range(height)]
    values += [sum(row) for row in rows]
    column_totals = [len(values) + c for c in range(width)]
    values += [sum(row[c] for row in rows) for c in range(width)]
    grand = len(values)
    values.append(sum(sum(row) for row in rows))
    sums: list[Sum] = [(row_totals[r], [r * width + c for c in range(width)]) for r in range(height)]
    sums += [(column_totals[c], [r * width + c for r in range(height)]) for c in range(width)]
    sums.append((grand, row_totals))
    sums.append((grand, column_totals))
    published = protect(values, sums, rule)
    cells = [published[r * width : (r + 1) * width] for r in range(height)]
    return (
        cells,
        [published[i] for i in row_totals],
        [published[i] for i in column_totals],
        published[grand],
    )


@dataclass(frozen=True)
class Rate:
    """'met of total': both counts protected (with the number not met, which can be read from them), and the
    percentage only when both counts are shown."""

    met: Published
    total: Published
    percent: int | None


def rate(met: int, total: int, rule: Rule) -> Rate:
    cells = protect([met, total - met, total], [(2, [0, 1])], rule)
    percent = None
    if not cells[0].hidden and not cells[2].hidden and total > 0:
        percent = round(100 * met / total)
    return Rate(cells[0], cells[2], percent)
