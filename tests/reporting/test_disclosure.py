"""Small-number disclosure control, without the database: no count from 1 to the threshold is shown, and no
hidden count can be worked out from the totals that are shown."""

from fractions import Fraction
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from opendsr.reporting.disclosure import HIDDEN_TEXT, Rule, breakdown, grid, rate, single

RULE = Rule()  # the default: 1 to 7 hidden


def texts(cells):
    return [c.text for c in cells]


def test_counts_from_one_to_the_threshold_are_not_shown():
    assert [single(n, RULE).text for n in (0, 1, 7, 8, 1234)] == ["0", HIDDEN_TEXT, HIDDEN_TEXT, "8", "1,234"]
    assert single(9, Rule(threshold=10)).hidden


def test_a_lone_hidden_count_hides_the_next_smallest_so_it_cannot_be_worked_out_from_the_total():
    """Red 3, amber 12, green 40, blue 0, total 55: with only the 3 hidden, 55 - 12 - 40 - 0 gives it away, so
    the 12 is hidden too (the smallest other count that is not 0)."""
    cells, total = breakdown([3, 12, 40, 0], RULE)
    assert texts(cells) == [HIDDEN_TEXT, HIDDEN_TEXT, "40", "0"]
    assert total.text == "55"


def test_two_small_counts_already_protect_each_other():
    cells, total = breakdown([3, 2, 40], RULE)
    assert texts(cells) == [HIDDEN_TEXT, HIDDEN_TEXT, "40"]
    assert total.text == "45"


def test_rounding_to_the_nearest_five_applies_to_the_counts_that_are_shown():
    cells, total = breakdown([12, 23, 40], Rule(round_to=5))
    assert texts(cells) == ["10", "25", "40"]
    assert total.text == "75"
    assert "rounded to the nearest 5" in Rule(round_to=5).describe()


def test_a_rate_is_not_shown_when_its_counts_are_not():
    """10 of 12 on time: 2 late is small, and 12 - 10 would give it away, so the 10 is hidden and so is the
    percentage."""
    hidden = rate(10, 12, RULE)
    assert (hidden.met.text, hidden.total.text, hidden.percent) == (HIDDEN_TEXT, "12", None)
    shown = rate(10, 20, RULE)
    assert (shown.met.text, shown.total.text, shown.percent) == ("10", "20", 50)
    assert rate(3, 3, RULE).percent is None


def test_secondary_suppression_in_a_table_with_row_and_column_totals():
    """Two ICBs by rating. North has 3 red: hiding only that, North's total (3 + 20 = 23) gives it away, and so
    does the red column's total. Hiding North's amber (20) and South's red (30) closes both, but then South's
    amber would follow from... no: every hidden cell now sits in a row and a column with another hidden cell."""
    cells, rows, columns, grand = grid([[3, 20], [30, 40]], RULE)
    assert [[c.text for c in row] for row in cells] == [
        [HIDDEN_TEXT, HIDDEN_TEXT],
        [HIDDEN_TEXT, HIDDEN_TEXT],
    ]
    assert texts(rows) == ["23", "70"]
    assert texts(columns) == ["33", "60"]
    assert grand.text == "93"


# ------------------------------------------------------------------------------- no cell recoverable (property)


def _rank(rows):
    rows = [list(map(Fraction, row)) for row in rows]
    rank = 0
    for col in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][col]:
                f = rows[r][col] / rows[rank][col]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def _equations(height, width):
    """The sums of a grid, as rows over its cells laid out as grid() lays them out."""
    size = height * width + height + width + 1
    equations = []
    for r in range(height):
        eq = [0] * size
        eq[height * width + r] = 1
        for c in range(width):
            eq[r * width + c] = -1
        equations.append(eq)
    for c in range(width):
        eq = [0] * size
        eq[height * width + height + c] = 1
        for r in range(height):
            eq[r * width + c] = -1
        equations.append(eq)
    for margin in (range(height * width, height * width + height), range(height * width + height, size - 1)):
        eq = [0] * size
        eq[size - 1] = 1
        for i in margin:
            eq[i] = -1
        equations.append(eq)
    return equations


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda h: st.integers(1, 4).flatmap(
            lambda w: st.lists(st.lists(st.integers(0, 40), min_size=w, max_size=w), min_size=h, max_size=h)
        )
    )
)
def test_no_hidden_count_can_be_worked_out_from_the_counts_and_totals_shown(rows):
    cells, row_totals, column_totals, grand = grid(rows, RULE)
    height, width = len(rows), len(rows[0])
    published = [c for row in cells for c in row] + row_totals + column_totals + [grand]
    values = [v for row in rows for v in row]
    values += [sum(row) for row in rows] + [sum(row[c] for row in rows) for c in range(width)]
    values.append(sum(values[: height * width]))
    hidden = [i for i, p in enumerate(published) if p.hidden]
    for i, (p, v) in enumerate(zip(published, values, strict=True)):
        assert p.hidden or p.shown == v
        assert not (0 < v <= RULE.threshold) or p.hidden, f"cell {i} = {v} is small and shown"
        assert not p.hidden or v > 0, "a 0 is never hidden"
    # A hidden cell is fixed exactly when its unit vector lies in the row space of the sums over hidden cells.
    system = [[eq[i] for i in hidden] for eq in _equations(height, width)]
    base = _rank(system)
    for n, i in enumerate(hidden):
        unit = [1 if m == n else 0 for m in range(len(hidden))]
        assert _rank([*system, unit]) > base, f"hidden cell {i} ({values[i]}) follows from the totals"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=4))
def test_every_hidden_count_in_a_breakdown_could_take_more_than_one_value(values):
    """By brute force: every split of the hidden total among the hidden cells that the shown total allows."""
    cells, total = breakdown(values, RULE)
    hidden = [i for i, c in enumerate(cells) if c.hidden]
    if total.hidden or not hidden:
        return
    rest = total.shown - sum(c.shown for c in cells if not c.hidden)
    for i in hidden:
        possible = {
            combo[hidden.index(i)]
            for combo in product(range(rest + 1), repeat=len(hidden))
            if sum(combo) == rest and all(x > 0 for x in combo)
        }
        assert len(possible) > 1, f"cell {i} can only be {possible}"
