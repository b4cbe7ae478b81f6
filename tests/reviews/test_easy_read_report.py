"""The easy read summary keeps each part short without ever cutting a sentence."""

import subprocess

from opendsr.reviews import report
from opendsr.reviews.models import Finding
from tests.reviews.factories import ReviewFactory

FINDINGS = (
    "Alex feels safe at home with the support team. "
    "Staff know Alex's sensory needs and keep the house quiet in the evening. "
    "Alex wants to go to college next year and needs help with the bus. "
    "The panel asked the team to write an easy read care plan with Alex and their mother by the end of April."
)


def test_whole_sentences_never_cuts_one():
    text, more = report.whole_sentences(FINDINGS)
    assert text == (
        "Alex feels safe at home with the support team. "
        "Staff know Alex's sensory needs and keep the house quiet in the evening. "
        "Alex wants to go to college next year and needs help with the bus."
    )
    assert more is True
    assert report.whole_sentences("One short sentence.") == ("One short sentence.", False)
    long_one = "word " * 80 + "end."
    assert report.whole_sentences(long_one) == (long_one.strip(), False)


def test_the_easy_read_pdf_shows_whole_sentences(person, tmp_path):
    review = ReviewFactory(person=person)
    Finding.objects.create(review=review, question="safe", findings=FINDINGS)
    path = tmp_path / "easy.pdf"
    path.write_bytes(report.easy_read_pdf(review))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Alex wants to go to college next year and needs help with the bus." in text
    assert "..." not in text and "…" not in text
    assert "There is more about this in your full report." in text
