"""The register's pages, as a case manager and a DSR lead see them."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from opendsr.accounts.models import AuditEvent, Role
from opendsr.register.models import ConsentRecord, Person, RatingDecision, RegisterStatus
from opendsr.register.nhs_numbers import test_range
from opendsr.register.services.consent import record_consent
from opendsr.register.services.leaving import remove_from_register
from opendsr.register.services.rating import record_outcome_told, record_rating
from tests.factories import PersonFactory, TeamFactory, give_consent

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def date_post(name, value: dt.date) -> dict:
    return {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}


# ------------------------------------------------------------------------------------------------ the list


def test_the_list_shows_only_the_users_icb_with_a_count(login, lead, make_person, other_icb):
    make_person(given_name="Ada", family_name="Ash")
    make_person(given_name="Ben", family_name="Birch")
    PersonFactory(icb=other_icb, given_name="Zed", family_name="Elsewhere")
    page = text_of(login(lead).get("/people/"))
    assert "2 people" in page
    assert "Ash, Ada" in page and "Birch, Ben" in page
    assert "Elsewhere" not in page


def test_search_by_name_or_nhs_number(login, lead, make_person):
    ada = make_person(given_name="Ada", family_name="Ash")
    make_person(given_name="Ben", family_name="Birch")
    client = login(lead)
    assert "Birch" not in text_of(client.get("/people/", {"q": "ash"}))
    spaced = f"{ada.nhs_number[:3]} {ada.nhs_number[3:6]} {ada.nhs_number[6:]}"
    page = text_of(client.get("/people/", {"q": spaced}))
    assert "Ash, Ada" in page and "Birch" not in page
    assert "No one matches your search" in text_of(client.get("/people/", {"q": "nobody-here"}))


def test_filters_by_rating_pathway_setting_and_status(login, lead, make_person, today):
    make_person(family_name="Redchild", current_rating="red", date_of_birth=dt.date(2012, 1, 1))
    make_person(family_name="Greenadult", current_rating="green", date_of_birth=dt.date(1990, 1, 1))
    make_person(
        family_name="Ehcpyoung", current_rating="amber", date_of_birth=dt.date(2005, 1, 1), has_ehcp=True
    )
    make_person(family_name="Inpatient", current_rating="blue", location="inpatient")
    make_person(family_name="Gone", status=RegisterStatus.LEFT)
    client = login(lead)
    page = text_of(client.get("/people/", {"rating": "red"}))
    assert "Redchild" in page and "Greenadult" not in page
    page = text_of(client.get("/people/", {"pathway": "cyp"}))
    assert "Redchild" in page and "Ehcpyoung" in page and "Greenadult" not in page
    page = text_of(client.get("/people/", {"pathway": "adult"}))
    assert "Greenadult" in page and "Ehcpyoung" not in page
    page = text_of(client.get("/people/", {"location": "inpatient"}))
    assert "Inpatient" in page and "Redchild" not in page
    assert "Gone" not in text_of(client.get("/people/"))
    assert "Gone" in text_of(client.get("/people/", {"status": "left"}))


def test_sorting_by_rating_puts_red_first(login, lead, make_person):
    make_person(family_name="Aardvark", current_rating="green")
    make_person(family_name="Zebra", current_rating="red")
    page = text_of(login(lead).get("/people/", {"sort": "rating"}))
    assert page.index("Zebra") < page.index("Aardvark")


def test_filters_survive_paging(login, lead, make_person):
    for n in range(27):
        make_person(family_name=f"Red{n:02d}", current_rating="red")
    make_person(family_name="Greenish", current_rating="green")
    page = text_of(login(lead).get("/people/", {"rating": "red"}))
    assert "27 people" in page
    assert "rating=red&amp;page=2" in page


def test_consent_filter(login, lead, make_person, case_manager, today):
    given = make_person(family_name="Consented")
    make_person(family_name="Unasked")
    record_consent(person=given, by=case_manager, scope=["inclusion"], given_by="person", given_on=today)
    client = login(lead)
    page = text_of(client.get("/people/", {"consent": "given"}))
    assert "Consented" in page and "Unasked" not in page
    page = text_of(client.get("/people/", {"consent": "none"}))
    assert "Unasked" in page and "Consented" not in page


def test_csv_export_holds_the_filtered_list_and_is_audited(login, lead, make_person):
    red = make_person(given_name="Rae", family_name="Redd", current_rating="red")
    make_person(family_name="Greene", current_rating="green")
    response = login(lead).get("/people/export.csv", {"rating": "red"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["NHS number", "First name", "Last name"]
    assert len(rows) == 2
    assert rows[1][1:3] == ["Rae", "Redd"]
    assert rows[1][0].replace(" ", "") == red.nhs_number
    event = AuditEvent.objects.get(action="register.exported")
    assert event.detail["count"] == 1 and event.detail["filters"]["rating"] == "red"


def test_excel_export(login, lead, make_person):
    make_person(given_name="Rae", family_name="Redd", current_rating="red")
    response = login(lead).get("/people/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=3).value == "Redd"
    assert AuditEvent.objects.filter(action="register.exported", detail__format="xlsx").exists()


def test_export_cells_cannot_run_as_formulas(login, lead, make_person):
    make_person(given_name="=HYPERLINK(1)", family_name="Risky")
    rows = list(csv.reader(io.StringIO(login(lead).get("/people/export.csv").content.decode("utf-8-sig"))))
    assert rows[1][1] == "'=HYPERLINK(1)"


# ---------------------------------------------------------------------------------------------- adding


def person_post(**overrides):
    data = {
        "given_name": "Robin",
        "family_name": "Hale",
        "diagnosis": "autistic",
        "sex": "not_known",
        "ethnicity": "99",
        "location": "community",
        **date_post("date_of_birth", dt.date(2009, 4, 2)),
    }
    data.update(overrides)
    return data


def test_adding_a_person_with_bad_input_keeps_what_was_typed(login, case_manager):
    client = login(case_manager)
    response = client.post(
        "/people/new/",
        person_post(nhs_number="123 456 7890", family_name="Hale-Typed", date_of_birth_month="13"),
    )
    page = text_of(response)
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert "Date of birth must be a real date" in page
    assert 'value="Hale-Typed"' in page
    assert not Person.objects.exists()


def test_an_invalid_nhs_number_is_shown_against_its_field(login, case_manager):
    page = text_of(login(case_manager).post("/people/new/", person_post(nhs_number="1234567890")))
    assert "Enter a valid 10-digit NHS number" in page
    assert 'href="#id_nhs_number"' in page
    assert not Person.objects.exists()


def test_a_possible_duplicate_is_shown_before_adding(login, case_manager, make_person):
    existing = make_person(given_name="Robin", family_name="Hale", date_of_birth=dt.date(2009, 4, 2))
    client = login(case_manager)
    page = text_of(client.post("/people/new/", person_post(family_name="HALE")))
    assert "may already be on your register" in page
    assert f"/people/{existing.pk}/" in page
    assert Person.objects.count() == 1
    response = client.post("/people/new/", person_post(family_name="HALE", confirm_new="yes"))
    assert response.status_code == 302
    assert Person.objects.count() == 2


def test_adding_a_person_opens_their_record(login, case_manager, team):
    number = next(test_range(800_000))
    client = login(case_manager)
    response = client.post("/people/new/", person_post(nhs_number=number, team=team.pk, has_ehcp="true"))
    person = Person.objects.get(nhs_number=number)
    assert response["Location"] == f"/people/{person.pk}/"
    assert person.team == team and person.has_ehcp and person.status == RegisterStatus.REFERRED
    assert "Robin Hale has been added" in text_of(client.get(response["Location"]))


# ------------------------------------------------------------------------------------------ person page


def test_the_person_page_shows_the_record_and_audits_the_view(login, case_manager, make_person, today):
    person = make_person(
        given_name="Maya", family_name="Quinn", date_of_birth=dt.date(2010, 6, 1), nhs_number="9990000026"
    )
    record_rating(
        person=person, by=case_manager, rating="amber", decided_on=today, rationale="Placement wobbling"
    )
    record_consent(
        person=person,
        by=case_manager,
        scope=["inclusion"],
        given_by="parental_responsibility",
        given_on=today,
    )
    page = text_of(login(case_manager).get(f"/people/{person.pk}/"))
    assert "999 000 0026" in page
    assert "Children and young people" in page
    assert "Flag: transition planning" in page  # 16 on 1 March 2027
    assert "Amber" in page and "Placement wobbling" in page
    assert "1 March 2028" in page  # the next consent check
    assert AuditEvent.objects.filter(action="person.viewed", person=person, user=case_manager).exists()


def test_another_icbs_person_is_not_found(login, lead, other_icb):
    elsewhere = PersonFactory(icb=other_icb)
    client = login(lead)
    for path in ("", "change/", "rating/", "consent/", "leave/"):
        assert client.get(f"/people/{elsewhere.pk}/{path}").status_code == 404
    assert client.get("/people/999999/").status_code == 404


def test_a_case_manager_in_a_team_sees_only_their_team(login, make_user, icb, make_person):
    mine, theirs = TeamFactory(icb=icb), TeamFactory(icb=icb)
    user = make_user(Role.CASE_MANAGER, team=mine)
    other = make_person(team=theirs, family_name="Otherteam")
    client = login(user)
    assert "Otherteam" not in text_of(client.get("/people/"))
    assert client.get(f"/people/{other.pk}/").status_code == 404


# ----------------------------------------------------------------------------------------------- rating


def test_rating_with_the_instrument_shows_the_score_then_saves(login, case_manager, person, today):
    from opendsr.register.queries import active_instrument

    instrument = active_instrument(person)
    answers = {f"item_{item['id']}": item["options"][0]["id"] for item in instrument.data["items"]}
    answers["item_harm"] = "yes"
    answers["item_placement_at_risk"] = "yes"  # 3 + 3 = 6: amber
    client = login(case_manager)
    step_two = text_of(
        client.post(
            f"/people/{person.pk}/rating/", {"step": "answers", **answers, **date_post("decided_on", today)}
        )
    )
    assert "Suggested rating" in step_two and ">6<" in step_two.replace(" ", "").replace("\n", "")
    response = client.post(
        f"/people/{person.pk}/rating/",
        {"step": "decide", **answers, "decided_on": today.isoformat(), "rating": "red"},
    )
    page = text_of(response)
    assert "<title>Error: " in page
    assert "Give your professional judgement" in page
    assert not RatingDecision.objects.exists()
    response = client.post(
        f"/people/{person.pk}/rating/?referral=7",
        {
            "step": "decide",
            **answers,
            "decided_on": today.isoformat(),
            "rating": "red",
            "professional_judgement": "Crisis building",
            "rationale": "Police called twice this week",
            "referral": "7",
        },
    )
    assert response.status_code == 302
    decision = RatingDecision.objects.get()
    assert (decision.score, decision.suggested_rating, decision.rating, decision.referral_id) == (
        6,
        "amber",
        "red",
        7,
    )


def test_rating_with_unanswered_questions_asks_for_them(login, case_manager, person, today):
    page = text_of(
        login(case_manager).post(
            f"/people/{person.pk}/rating/", {"step": "answers", **date_post("decided_on", today)}
        )
    )
    assert "<title>Error: " in page and "Answer: " in page


# ---------------------------------------------------------------------------------------------- consent


def test_the_consent_form_shows_the_rule_for_their_age(login, case_manager, icb, make_person, today):
    icb.consent_age_rule = "cambridgeshire"
    icb.save()
    child = make_person(date_of_birth=dt.date(2015, 1, 1))
    client = login(case_manager)
    page = text_of(client.get(f"/people/{child.pk}/consent/"))
    assert "Under 14: someone with parental responsibility gives consent" in page
    assert 'value="person"' not in page
    response = client.post(
        f"/people/{child.pk}/consent/",
        {"scope": ["inclusion"], "given_by": "parental_responsibility", **date_post("given_on", today)},
    )
    assert response.status_code == 302
    assert ConsentRecord.objects.get(person=child).given_by == "parental_responsibility"


def test_a_best_interests_consent_without_a_record_is_refused_on_the_form(login, case_manager, person, today):
    page = text_of(
        login(case_manager).post(
            f"/people/{person.pk}/consent/",
            {
                "scope": ["inclusion"],
                "given_by": "best_interests",
                "capacity_notes": "Assessed on the day",
                **date_post("given_on", today),
            },
        )
    )
    assert "Record the best interests decision" in page
    assert "Assessed on the day" in page
    assert not ConsentRecord.objects.exists()


# -------------------------------------------------------------------------------------------- leaving


def test_leaving_asks_for_confirmation_then_keeps_the_record(login, case_manager, person, today):
    client = login(case_manager)
    data = {"reason": "risk_reduced", "notes": "Settled for a year", **date_post("left_on", today)}
    page = text_of(client.post(f"/people/{person.pk}/leave/", data))
    assert "Are you sure" in page
    person.refresh_from_db()
    assert person.status == RegisterStatus.ACTIVE
    response = client.post(
        f"/people/{person.pk}/leave/",
        {
            "reason": "risk_reduced",
            "notes": "Settled for a year",
            "left_on": today.isoformat(),
            "confirm": "yes",
        },
    )
    assert response.status_code == 302
    page = text_of(client.get(response["Location"]))
    assert "has left the register" in page
    assert "Left the register on 1 March 2027" in page


# ------------------------------------------------------------------------------------------ instruments


def test_only_the_dsr_lead_manages_instruments(login, lead, case_manager):
    assert login(case_manager).get("/people/instruments/").status_code == 403
    page = text_of(login(lead).get("/people/instruments/"))
    assert "OpenDSR default risk factors (adults)" in page


def test_a_bad_instrument_shows_each_problem_and_keeps_the_text(login, lead):
    client = login(lead)
    page = text_of(client.post("/people/instruments/import/", {"data": '{"slug": "x", "items": []}'}))
    assert "<title>Error: " in page
    assert "Questions: an instrument needs at least one item" in page
    assert "&#34;slug&#34;: &#34;x&#34;" in page
    page = text_of(client.post("/people/instruments/import/", {"data": "{not json"}))
    assert "not valid JSON" in page


# ------------------------------------------------------------------------------------- changes and carers


def test_changing_details_keeps_typed_values_on_error_and_audits_the_change(login, case_manager, person):
    client = login(case_manager)
    data = person_post(given_name="Robyn", email="not-an-email")
    page = text_of(client.post(f"/people/{person.pk}/change/", data))
    assert "<title>Error: " in page and 'value="Robyn"' in page
    person.refresh_from_db()
    assert person.given_name != "Robyn"
    response = client.post(f"/people/{person.pk}/change/", person_post(given_name="Robyn"))
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="person.updated", person=person)
    assert "given_name" in event.detail["fields"]


def test_adding_a_carer_shows_on_the_person_page(login, case_manager, person):
    client = login(case_manager)
    response = client.post(f"/people/{person.pk}/carers/new/", {"name": "Pat Hale", "relationship": "Mother"})
    assert response.status_code == 302
    page = text_of(client.get(f"/people/{person.pk}/"))
    assert "Pat Hale (Mother)" in page
    person.refresh_from_db()
    assert person.has_unpaid_carer


def test_a_person_rated_again_after_leaving_is_back_on_the_register(login, case_manager, person, today):
    remove_from_register(person=person, by=case_manager, reason="risk_reduced", left_on=today)
    give_consent(person, case_manager, today)  # back on the register only with consent (s2.4)
    record_rating(person=person, by=case_manager, rating="amber", decided_on=today, rationale="")
    page = text_of(login(case_manager).get(f"/people/{person.pk}/"))
    assert "Left the register on" not in page
    assert "On the register" in page


def test_leaving_ends_what_was_still_due_and_keeps_it_on_their_page(login, case_manager, person, today):
    from opendsr.register.models import Obligation

    record_rating(
        person=person, by=case_manager, rating="red", decided_on=dt.date(2027, 2, 1), rationale="Crisis"
    )
    client = login(case_manager)
    assert "Overdue" in text_of(client.get(f"/people/{person.pk}/"))
    client.post(
        f"/people/{person.pk}/leave/",
        {
            "reason": "moved_icb",
            "new_icb_name": "NHS Elsewhere ICB",
            "confirm": "yes",
            **date_post("left_on", today),
        },
    )
    kept = Obligation.objects.filter(person=person)
    assert kept.filter(kind="community_cetr").exists()
    assert not kept.filter(is_open=True).exists()
    page = text_of(client.get(f"/people/{person.pk}/"))
    assert "Overdue" not in page
    assert f"Ended on 1 March 2027, when {person.given_name} left the register" in page
    assert "Left the register" in page  # on the timeline


def test_a_re_rating_offers_telling_them_which_meets_the_obligation_from_my_work(
    login, case_manager, person, today
):
    from opendsr.register.models import Obligation
    from opendsr.register.queries import active_instrument

    record_rating(
        person=person, by=case_manager, rating="green", decided_on=dt.date(2026, 9, 1), rationale="Settled"
    )
    record_outcome_told(
        decision=RatingDecision.objects.get(),
        by=case_manager,
        method="letter",
        told_on=dt.date(2026, 9, 1),
        told_person=True,
        told_referrer=True,
    )
    instrument = active_instrument(person)
    answers = {f"item_{item['id']}": item["options"][0]["id"] for item in instrument.data["items"]}
    client = login(case_manager)
    response = client.post(
        f"/people/{person.pk}/rating/",
        {
            "step": "decide",
            **answers,
            "decided_on": today.isoformat(),
            "rating": "green",
            "rationale": "Stable",
        },
    )
    decision = RatingDecision.objects.order_by("-pk").first()
    tell = f"/people/{person.pk}/rating/{decision.pk}/tell/"
    assert response.status_code == 302 and response["Location"] == tell
    told = Obligation.objects.get(person=person, kind="communicate_outcome", raised_on=today)
    assert told.is_open
    # My work links the obligation to the page that meets it, not to the referral inbox
    work = text_of(client.get("/work/?show=all"))
    assert f'href="{tell}"' in work and "Open the referrals" not in work

    page = text_of(client.get(tell))
    assert "Tell" in page and "Letter" in page and "Email" in page and "Phone call" in page
    response = client.post(
        tell,
        {
            "told_whom": ["person", "referrer"],
            "method": "phone",
            "notes": "Left a voicemail first",
            **date_post("told_on", today),
        },
    )
    page = text_of(response)
    assert "<title>Error: " in page and "Enter who you spoke to on the phone" in page
    assert "Left a voicemail first" in page  # what was typed is kept
    response = client.post(
        tell,
        {
            "told_whom": ["person", "referrer"],
            "method": "phone",
            "who": "Alex and their mother; Dr Patel (referrer)",
            **date_post("told_on", today),
        },
    )
    assert response.status_code == 302
    told = Obligation.objects.get(person=person, kind="communicate_outcome", raised_on=today)
    assert told.met_on == today and not told.is_open
    decision.refresh_from_db()
    assert decision.shared_with_person and decision.shared_with_referrer
    page = text_of(client.get(f"/people/{person.pk}/"))
    assert "Told by phone call on 1 March 2027: Alex and their mother; Dr Patel (referrer)" in page


def test_telling_them_before_the_decision_is_refused(case_manager, person, today):
    from django.core.exceptions import ValidationError

    decision = record_rating(
        person=person, by=case_manager, rating="amber", decided_on=today, rationale="Worse"
    )
    with pytest.raises(ValidationError, match="before the rating was decided"):
        record_outcome_told(
            decision=decision,
            by=case_manager,
            method="email",
            told_on=today - dt.timedelta(days=1),
            told_person=True,
            told_referrer=False,
        )
