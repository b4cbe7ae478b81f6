"""Given a DSR lead whose register holds one person twice, twins who look alike, and someone who has moved away:
they find the duplicate, merge it choosing which postcode to keep, undo the merge, mark the twins as different
people (which a twin's page then says), and propose the move; the other ICB's DSR lead finds it on their work and
accepts it."""

import datetime as dt

from opendsr.accounts.models import Role
from opendsr.records.models import IcbTransfer, NotDuplicate, RecordMerge
from tests.factories import PersonFactory, TeamFactory, UserFactory

from .steps.common import given_i_am_logged_in_as, then_i_do_not_see, then_i_see, when_i_follow, when_i_go_to
from .steps.records import (
    when_i_answer_the_move,
    when_i_mark_them_as_different_people,
    when_i_merge_keeping,
    when_i_open_the_person_page_of,
    when_i_open_the_possible_duplicates,
    when_i_propose_a_move,
    when_i_undo_the_merge,
)


def test_the_lead_merges_and_unmerges_a_duplicate_and_moves_someone_to_another_icb(journey, icb, other_icb):
    j = journey
    team = TeamFactory(icb=icb, name="Adult community team")
    lead = UserFactory(role=Role.DSR_LEAD, icb=icb, first_name="Lena", last_name="Lead")
    other_lead = UserFactory(role=Role.DSR_LEAD, icb=other_icb, first_name="Olu", last_name="Other")
    born = dt.date(1998, 3, 12)
    bethany = PersonFactory(
        icb=icb,
        team=team,
        given_name="Bethany",
        family_name="Corrigan",
        date_of_birth=born,
        postcode="ND1 1AA",
    )
    PersonFactory(
        icb=icb,
        team=team,
        given_name="Bethany",
        family_name="Corigan",
        date_of_birth=born,
        postcode="ND4 2RT",
    )
    twins = dt.date(2004, 8, 1)
    rowan = PersonFactory(icb=icb, team=team, given_name="Rowan", family_name="Ashby", date_of_birth=twins)
    PersonFactory(icb=icb, team=team, given_name="Rowen", family_name="Ashby", date_of_birth=twins)
    ezra = PersonFactory(
        icb=icb, team=team, given_name="Ezra", family_name="Holloway", date_of_birth=dt.date(1991, 9, 30)
    )

    # The person page warns of the possible duplicate and leads to the side-by-side page
    given_i_am_logged_in_as(j, lead)
    when_i_open_the_person_page_of(j, bethany)
    then_i_see(j, "Possible duplicate record", "Bethany Corigan")
    when_i_follow(j, "Compare and merge")
    then_i_see(j, "Compare and merge two records")
    j.check("merge-side-by-side")
    when_i_merge_keeping(j, "Corrigan", "ND4 2RT", reason="Referred twice, by the GP and by the school")
    then_i_see(j, "Records merged", "Merge of record")
    merge = RecordMerge.objects.get()
    assert merge.survivor == bethany and "postcode" in merge.taken_from_merged
    bethany.refresh_from_db()
    assert bethany.postcode == "ND4 2RT" and bethany.family_name == "Corrigan"

    when_i_undo_the_merge(j, reason="The school's referral was for her cousin")
    then_i_see(j, "Merge undone")
    bethany.refresh_from_db()
    assert bethany.postcode == "ND1 1AA"

    # The twins look alike: the lead marks them as different people and they leave the list
    when_i_open_the_possible_duplicates(j)
    then_i_see(j, "2 pairs", "Rowen Ashby")
    when_i_mark_them_as_different_people(
        j, "Rowen Ashby", reason="Twins: their GP practice confirmed both NHS numbers"
    )
    then_i_see(j, "Marked as different people", "1 pair")
    then_i_do_not_see(j, "Rowen Ashby")
    assert NotDuplicate.objects.filter(removed_at__isnull=True).count() == 1
    when_i_follow(j, "Records marked as different people")
    then_i_see(j, "Twins: their GP practice confirmed both NHS numbers")
    # Rowan's own page says the look-alike record was checked, and why
    when_i_open_the_person_page_of(j, rowan)
    then_i_see(
        j,
        "Look-alike records checked",
        "Marked as a different person from Rowen Ashby",
        "by Lena Lead: Twins: their GP practice confirmed both NHS numbers",
    )
    j.check("person-look-alike-checked")

    # Ezra has moved home: the lead proposes the move to the other ICB
    when_i_open_the_person_page_of(j, ezra)
    when_i_propose_a_move(j, to=other_icb.name, reason="Moved into supported living in the other area")
    then_i_see(j, "Move proposed", "Waiting for the receiving ICB")

    # The other ICB's lead finds it on their work and accepts it
    given_i_am_logged_in_as(j, other_lead)
    when_i_go_to(j, "/work/")
    then_i_see(j, "Move from another ICB: accept or decline", "Ezra Holloway")
    when_i_follow(j, "Accept or decline the move for Ezra Holloway")
    j.check("transfer-answer")
    when_i_answer_the_move(j, "Yes, accept the move")
    then_i_see(j, "Move accepted", "Ezra Holloway")
    ezra.refresh_from_db()
    assert ezra.icb == other_icb
    assert IcbTransfer.objects.get().status == "accepted"
