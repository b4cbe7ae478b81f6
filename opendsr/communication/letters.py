"""Writing a letter down: paragraphs and lists from its text, and the A4 PDF (in large text for easy read)."""

from __future__ import annotations

import datetime as dt
import re

from django.template.loader import render_to_string


def paragraphs(body: str) -> list[dict]:
    """Split a letter body into paragraphs and bulleted lists, for the HTML and PDF versions."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", (body or "").strip()):
        lines = [line.rstrip() for line in chunk.splitlines() if line.strip()]
        bullets = [line for line in lines if line.lstrip().startswith(("- ", "* "))]
        if bullets and len(bullets) == len(lines):
            blocks.append({"list": [line.lstrip()[2:] for line in lines]})
        elif bullets:
            intro = [line for line in lines if line not in bullets]
            blocks.append({"text": "\n".join(intro)})
            blocks.append({"list": [line.lstrip()[2:] for line in bullets]})
        elif lines:
            blocks.append({"text": "\n".join(lines)})
    return blocks


def pdf_html(
    *, subject: str, body: str, icb_name: str, address_lines: list[str], sent_on: dt.date, large: bool
) -> str:
    return render_to_string(
        "communication/letter_pdf.jinja",
        {
            "subject": subject,
            "icb_name": icb_name,
            "address_lines": address_lines,
            "sent_on": sent_on,
            "blocks": paragraphs(body),
            "large": large,
        },
    )


def pdf(
    *, subject: str, body: str, icb_name: str, address_lines: list[str], sent_on: dt.date, large: bool = False
) -> bytes:
    """The letter as an A4 PDF; `large` prints it in large text (easy read, or a reader of large print)."""
    import weasyprint

    html = pdf_html(
        subject=subject,
        body=body,
        icb_name=icb_name,
        address_lines=address_lines,
        sent_on=sent_on,
        large=large,
    )
    return weasyprint.HTML(string=html).write_pdf()
