"""Which version of a letter each reader gets, chosen from the person's communication needs."""

from opendsr.communication import rules
from opendsr.communication.rules import EASY_READ, STANDARD, Needs


def test_a_person_who_reads_easy_read_gets_the_easy_read_letter_and_their_family_the_standard_one():
    needs = Needs(easy_read=True)
    assert rules.version_for("person", needs) == EASY_READ
    assert rules.version_for("family", needs) == STANDARD
    assert rules.version_for("referrer", needs) == STANDARD
    assert rules.version_for("person", Needs()) == STANDARD


def test_easy_read_and_large_print_are_printed_in_large_text_but_only_for_the_person():
    assert rules.large_text("person", EASY_READ, Needs())
    assert rules.large_text("person", STANDARD, Needs(large_print=True))
    assert not rules.large_text("referrer", STANDARD, Needs(large_print=True))
    assert not rules.large_text("person", STANDARD, Needs())


def test_the_preferred_method_wins_when_it_can_be_used():
    assert rules.method_for(Needs(preferred_method="letter"), has_email=True, otherwise="email") == "pdf"
    assert rules.method_for(Needs(preferred_method="email"), has_email=True, otherwise="pdf") == "email"
    assert rules.method_for(Needs(preferred_method="email"), has_email=False, otherwise="pdf") == "pdf"
    assert rules.method_for(Needs(), has_email=True, otherwise="email") == "email"


def test_a_sender_is_told_to_book_an_interpreter_first():
    found = rules.reminders(Needs(easy_read=True, interpreter="Polish", preferred_method="phone"))
    assert found[0] == "Needs an interpreter (Polish) for calls and meetings"
    assert "Reads easy read: send the easy read version" in found
    assert rules.reminders(Needs()) == []
