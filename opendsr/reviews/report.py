"""The report of a review, for the person and their family, in plain words (s16.6), and an easy read summary.
Both are made from the record, as HTML for the page and as PDFs with WeasyPrint."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from opendsr.reviews.models import Question, Review
from opendsr.reviews.queries import discharge_plan

RATING_WORDS = {
    "red": "Red: you are at high risk of going into hospital unless you get extra support now.",
    "amber": "Amber: you are at risk of going into hospital without the right support.",
    "green": "Green: you need some support to stay well, and things are steady for now.",
    "blue": "Blue: you are in hospital. Everyone is working on a plan for you to leave.",
    "not_eligible": "You do not need to be on the dynamic support register at the moment.",
}

EASY_READ = {
    "safe": "Are you safe?",
    "care": "Your care",
    "daily_life": "Your days",
    "physical_health": "Your health and medicines",
    "future": "Your future",
    "hospital": "Hospital",
}


EASY_READ_LENGTH = 220  # about three short sentences: easy read keeps each part brief


def whole_sentences(text: str, limit: int = EASY_READ_LENGTH) -> tuple[str, bool]:
    """The first sentences of `text` that fit in about `limit` characters, never cutting a sentence (the first
    is kept whole however long it is), and whether any were left out."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", (text or "").strip()) if s.strip()]
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence.strip())
    return " ".join(kept), len(kept) < len(sentences)


def context(review: Review) -> dict:
    findings = {f.question: f for f in review.findings.all()}
    sections = []
    for question in Question:
        finding = findings.get(question.value)
        easy_text, more = whole_sentences(finding.findings if finding is not None else "")
        sections.append(
            {
                "key": question.value,
                "question": question.label,
                "easy": EASY_READ[question.value],
                "finding": finding,
                "discussed": finding is not None and not finding.not_discussed and bool(finding.findings),
                "easy_text": easy_text,
                "more": more,
            }
        )
    seats = list(review.seats.filter(removed_at__isnull=True).select_related("member"))
    decision = review.rating_decision
    return {
        "review": review,
        "person": review.person,
        "sections": sections,
        "seats": seats,
        "attended": [i for i in review.invitations.all() if i.reply == "attending"],
        "actions": list(review.actions.order_by("due", "pk")),
        "decision": decision,
        "rating_words": RATING_WORDS.get(getattr(decision, "rating", ""), ""),
        "safeguarding": review.safeguarding_concerns.exists(),
        "first_name": review.person.preferred_name or review.person.given_name,
        "discharge_plan": discharge_plan(review),
    }


def report_html(review: Review) -> str:
    return render_to_string("reviews/report/report_pdf.jinja", context(review))


def report_pdf(review: Review) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=report_html(review)).write_pdf()


def easy_read_pdf(review: Review) -> bytes:
    import weasyprint

    return weasyprint.HTML(
        string=render_to_string("reviews/report/easy_read_pdf.jinja", context(review))
    ).write_pdf()
