"""Charts for the figures page: SVG drawn on the server by pygal, with no script in it.

Each chart is an image (`data:` URI, which the content security policy allows for images) with a title and
description inside the SVG; the page gives the same words as its alternative text and a table of the numbers
beside it, so nobody needs the picture. A hidden value is a gap in the line or a missing bar, never a 0.

Colours are the NHS identity's: NHS blue (#005eb8, 6.1:1 on white) for the data, NHS black (#212b32) for text
and dark grey (#4c6272, 6.2:1) for the axes, all above the 3:1 WCAG 2.2 asks of graphics and 4.5:1 of text.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pygal
from pygal.style import Style


@dataclass(frozen=True)
class Chart:
    src: str  # a data URI
    title: str
    description: str  # the alternative text


STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#212b32",
    foreground_strong="#212b32",
    foreground_subtle="#4c6272",
    opacity="1",
    opacity_hover="1",
    colors=("#005eb8",),
    font_family="Arial, Helvetica, sans-serif",
    title_font_size=18,
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
    no_data_font_size=18,
)
COMMON = {
    "style": STYLE,
    "js": [],  # no script: the chart is a picture
    "show_legend": False,
    "width": 800,
    "height": 400,
    "disable_xml_declaration": True,
    "no_data_text": "Nothing to show",
    "print_values": False,
    "truncate_label": -1,
}


def _image(chart, title: str, description: str) -> Chart:
    """The chart as a data URI, with its title and description as the SVG's first children."""
    tree = chart.render_tree()
    # pygal always writes its settings in a <script> for its optional tooltips; an image runs no script, and
    # this one should not carry any.
    for parent in list(tree.iter()):
        for child in [c for c in parent if c.tag == "script"]:
            parent.remove(child)
    for tag, text in (("desc", description), ("title", title)):
        element = ET.Element(tag)  # pygal writes its elements without a namespace prefix
        element.text = text
        tree.insert(0, element)
    tree.set("role", "img")
    svg = ET.tostring(tree, encoding="unicode")
    return Chart(
        "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii"),
        title,
        description,
    )


def describe(title: str, points: list[tuple[str, float | None]], unit: str = "") -> str:
    shown = [(label, value) for label, value in points if value is not None]
    hidden = len(points) - len(shown)
    if not shown:
        return f"{title}: no values can be shown."
    high = max(shown, key=lambda p: p[1])
    low = min(shown, key=lambda p: p[1])
    suffix = "%" if unit == "Per cent" else ""
    text = f"{title}: highest {high[1]:g}{suffix} ({high[0]}), lowest {low[1]:g}{suffix} ({low[0]})."
    if hidden:
        text += (
            f" {hidden} {'value is' if hidden == 1 else 'values are'} not shown, to protect small numbers."
        )
    return text + " The table beside it gives every value."


def line(title: str, unit: str, points: list[tuple[str, float | None]]) -> Chart:
    chart = pygal.Line(
        **COMMON,
        title=f"{title}, month by month",
        y_title=unit,
        x_label_rotation=30,
        allow_interruptions=True,  # a hidden month is a gap, not a 0
        range=(0, 100) if unit == "Per cent" else None,
        include_x_axis=True,
        dots_size=4,
    )
    chart.x_labels = [label for label, _ in points]
    chart.add(title, [value for _, value in points])
    return _image(chart, f"{title}, month by month", describe(title, points, unit))


def bar(title: str, points: list[tuple[str, float | None]]) -> Chart:
    chart = pygal.HorizontalBar(**COMMON, title=title, print_zeroes=True)
    chart.x_labels = [label for label, _ in points]
    chart.add(title, [value for _, value in points])
    return _image(chart, title, describe(title, points))
