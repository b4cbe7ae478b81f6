"""The DSR lead's pages: possible duplicates, the side-by-side merge page, its check page, the merge and undoing it."""

import datetime as dt

from django.urls import reverse

from opendsr.accounts.models import Role
from opendsr.records.models import RecordMerge
from opendsr.register.models import RegisterStatus

BORN = dt.date(1995, 12, 10)


def _pair(make_person, team):
    first = make_person(
        given_name="Ada", family_name="Lovelace", date_of_birth=BORN, team=team, postcode="NE1 1AA"
    )
    second = make_person(
        given_name="Ada", family_name="Lovelase", date_of_birth=BORN, team=team, postcode="NE2 2BB"
    )
    return first, second


def test_the_list_of_possible_duplicates_is_empty_when_there_are_none(login, lead, make_person):
    make_person(given_name="Grace", family_name="Hopper")
    page = login(lead).get(reverse("records:duplicates")).content.decode()
    assert "0 pairs" in page
    assert "No records on your register look like duplicates" in page


def test_the_list_shows_pairs_of_the_leads_icb_only_a_page_at_a_time(
    login, lead, make_person, other_icb, team
):
    for n in range(21):
        make_person(given_name="Sam", family_name=f"Twin{n}", date_of_birth=dt.date(1990, 1, n + 1))
        make_person(given_name="Sam", family_name=f"Twin{n}x", date_of_birth=dt.date(1990, 1, n + 1))
    make_person(icb=other_icb, given_name="Ada", family_name="Lovelace", date_of_birth=BORN)
    make_person(icb=other_icb, given_name="Ada", family_name="Lovelace", date_of_birth=BORN)
    client = login(lead)
    page = client.get(reverse("records:duplicates")).content.decode()
    assert "21 pairs" in page
    assert "Lovelace" not in page
    assert "Page 2 of 2" in page
    second = client.get(reverse("records:duplicates") + "?page=2").content.decode()
    assert second.count("Compare<span") == 1


def test_only_the_dsr_lead_may_merge(login, make_user, make_person, team):
    first, second = _pair(make_person, team)
    client = login(make_user(Role.CASE_MANAGER))
    assert client.get(reverse("records:duplicates")).status_code == 403
    assert client.get(reverse("records:merge", args=[first.pk, second.pk])).status_code == 403
    assert (
        client.post(
            reverse("records:merge", args=[first.pk, second.pk]), {"keep": "first", "confirmed": "yes"}
        ).status_code
        == 403
    )
    assert not RecordMerge.objects.exists()


def test_the_person_page_warns_of_a_possible_duplicate_and_links_to_the_merge_page(
    login, lead, make_person, team
):
    first, second = _pair(make_person, team)
    page = login(lead).get(reverse("register:detail", args=[first.pk])).content.decode()
    assert "Possible duplicate record" in page
    assert reverse("records:merge", args=[first.pk, second.pk]) in page


def test_a_case_manager_sees_no_duplicate_warning(login, make_user, make_person, team):
    first, _second = _pair(make_person, team)
    page = (
        login(make_user(Role.CASE_MANAGER, team=team))
        .get(reverse("register:detail", args=[first.pk]))
        .content.decode()
    )
    assert "Possible duplicate record" not in page


def test_merging_through_the_pages_asks_for_each_differing_value_then_checks_then_merges(
    login, lead, make_person, team
):
    first, second = _pair(make_person, team)
    client = login(lead)
    url = reverse("records:merge", args=[first.pk, second.pk])
    page = client.get(url).content.decode()
    assert "Which record stays?" in page
    assert "NE1 1AA" in page and "NE2 2BB" in page
    answers = {
        "keep": "first",
        "value_family_name": "first",
        "value_postcode": "second",
        "value_nhs_number": "first",
    }
    check = client.post(url, answers)
    assert check.status_code == 200
    text = check.content.decode()
    assert "Check before merging these records" in text
    assert "NE2 2BB" in text
    assert not RecordMerge.objects.exists()
    done = client.post(url, {**answers, "confirmed": "yes"})
    record = RecordMerge.objects.get()
    assert done.status_code == 302 and done.url == reverse("records:merge_detail", args=[record.pk])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.family_name, first.postcode) == ("Lovelace", "NE2 2BB")
    assert second.status == RegisterStatus.LEFT
    merged_page = client.get(reverse("register:detail", args=[second.pk])).content.decode()
    assert "This record was merged into" in merged_page
    assert reverse("register:detail", args=[first.pk]) in merged_page


def test_a_missing_choice_is_reported_in_the_error_summary(login, lead, make_person, team):
    first, second = _pair(make_person, team)
    response = login(lead).post(reverse("records:merge", args=[first.pk, second.pk]), {"keep": "first"})
    text = response.content.decode()
    assert "nhsuk-error-summary" in text
    assert "Select which postcode to keep" in text
    assert "<title>Error: " in text


def test_undoing_a_merge_needs_a_reason_then_puts_both_back(login, lead, make_person, team):
    first, second = _pair(make_person, team)
    client = login(lead)
    url = reverse("records:merge", args=[first.pk, second.pk])
    answers = {
        "keep": "first",
        "value_family_name": "first",
        "value_postcode": "second",
        "value_nhs_number": "first",
    }
    client.post(url, {**answers, "confirmed": "yes"})
    record = RecordMerge.objects.get()
    undo = reverse("records:unmerge", args=[record.pk])
    assert "Undo this merge" in client.get(reverse("records:merge_detail", args=[record.pk])).content.decode()
    refused = client.post(undo, {"reason": ""}).content.decode()
    assert "Say why the merge is being undone" in refused
    assert client.post(undo, {"reason": "Two people"}).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.postcode == "NE1 1AA"
    assert second.status == RegisterStatus.ACTIVE
    detail = client.get(reverse("records:merge_detail", args=[record.pk])).content.decode()
    assert "This merge was undone" in detail
    assert "Two people" in detail


def test_another_icbs_merge_is_not_found(login, make_user, other_icb, lead, make_person, team):
    first, second = _pair(make_person, team)
    login(lead).post(
        reverse("records:merge", args=[first.pk, second.pk]),
        {
            "keep": "first",
            "value_family_name": "first",
            "value_postcode": "first",
            "value_nhs_number": "first",
            "confirmed": "yes",
        },
    )
    record = RecordMerge.objects.get()
    other = login(make_user(Role.DSR_LEAD, icb=other_icb))
    assert other.get(reverse("records:merge_detail", args=[record.pk])).status_code == 404
    assert other.post(reverse("records:unmerge", args=[record.pk]), {"reason": "x"}).status_code == 404
