"""Steps for the figures: choosing a period, reading charts and their tables, downloading."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .common import main_text, when_i_download, when_i_select


def when_i_open_the_figures(j):
    j.go("/")
    figures = j.page.get_by_role("link", name="Figures", exact=True).first
    if not figures.is_visible():
        j._open_more_menu()
    figures.click()
    j.check()


def when_i_open_the_monthly_returns(j):
    j.click("Monthly returns")


def when_i_pick_the_quarter_including(j, month: str):
    when_i_select(j, {"Period": "Quarter (April to June is the first)", "Including the month": month})
    j.submit("Show figures")


def then_i_see_charts_with_their_tables(j, *titles: str):
    """Each chart is an image the browser drew (the content security policy let it), with alternative text and
    a table of the same numbers beside it."""
    drawn = j.page.evaluate(
        "() => [...document.querySelectorAll('img.app-chart__image')]"
        ".map(i => ({drawn: i.complete && i.naturalWidth > 0, alt: i.alt}))"
    )
    assert drawn and all(chart["drawn"] and chart["alt"] for chart in drawn), drawn
    main = main_text(j)
    for title in titles:
        assert f"{title}, month by month" in main, f"no chart table for {title!r}"


def when_i_download_the_figures_as_excel(j, folder: Path) -> list[list]:
    saved = when_i_download(j, "Excel", folder)
    sheet = openpyxl.load_workbook(saved).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]
