"""The referral pages as a case manager uses them."""

import datetime as dt

from opendsr.accounts.models import AuditEvent
from opendsr.referrals.models import Referral
from opendsr.register.models import Person
from tests.factories import TeamFactory
from tests.referrals.factories import ReferralFactory

from .test_services import NEW_PERSON


def _form(**changes):
    data = {
        "received_on_day": "25",
        "received_on_month": "2",
        "received_on_year": "2027",
        "source": "self",
        "channel": "phone",
        "referrer_name": "Robin Hale",
        "reason": "Things are getting too much at home.",
        "triggers": ["harm", "police"],
        "nhs_number": "",
        "given_name": NEW_PERSON["given_name"],
        "family_name": NEW_PERSON["family_name"],
        "date_of_birth_day": "2",
        "date_of_birth_month": "4",
        "date_of_birth_year": "2001",
        "diagnosis": "autistic",
        "location": "community",
    }
    data.update(changes)
    return data


def test_the_inbox_shows_when_each_referral_must_be_acknowledged(login, case_manager):
    client = login(case_manager)
    response = client.post("/referrals/new/", _form())
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.pk}/"
    page = client.get("/referrals/").content.decode()
    assert "Robin Hale" in page
    # Received Thursday 25 February 2027: 5 working days later, over the weekend, is Thursday 4 March.
    assert "Acknowledge by 4 March 2027" in page
    assert "due in 3 days" in page


def test_a_referral_with_gaps_shows_every_problem_and_keeps_what_was_typed(login, case_manager):
    client = login(case_manager)
    response = client.post(
        "/referrals/new/", _form(reason="", given_name="", channel="", received_on_day="31")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in page
    assert "There is a problem" in page
    assert "Enter why they are being referred" in page
    assert "Enter their first name" in page
    assert "Choose how the referral was received" in page
    assert "must be a real date" in page
    assert 'value="Hale"' in page
    assert not Referral.objects.exists() and not Person.objects.exists()


def test_a_possible_match_is_offered_before_anyone_new_is_added(login, case_manager, make_person):
    existing = make_person(
        given_name="Robin", family_name="Hale", date_of_birth=dt.date(2001, 4, 2), team=None
    )
    client = login(case_manager)
    page = client.post("/referrals/new/", _form()).content.decode()
    assert "They may already be on the register" in page
    assert not Referral.objects.exists()
    response = client.post("/referrals/new/", _form(attach=str(existing.pk)))
    assert response.status_code == 302
    assert Referral.objects.get().person == existing
    assert Person.objects.count() == 1


def test_someone_new_with_a_possible_match_is_added_once_the_user_says_so(login, case_manager, make_person):
    existing = make_person(
        given_name="Robin", family_name="Hale", date_of_birth=dt.date(2001, 4, 2), team=None
    )
    client = login(case_manager)
    page = client.post("/referrals/new/", _form()).content.decode()
    assert 'name="confirm_new" value="yes">Add as a new person</button>' in page
    assert "If this is not the person referred, add them as a new person." in page
    assert not Referral.objects.exists()

    response = client.post("/referrals/new/", _form(confirm_new="yes"))
    assert response.status_code == 302
    added = Referral.objects.get().person
    assert added != existing and (added.given_name, added.family_name) == ("Robin", "Hale")
    assert Person.objects.count() == 2


def test_another_icbs_referral_does_not_exist(login, case_manager, other_icb):
    referral = ReferralFactory(person__icb=other_icb)
    client = login(case_manager)
    assert client.get(f"/referrals/{referral.pk}/").status_code == 404
    assert client.get(f"/referrals/{referral.pk}/acknowledge/").status_code == 404


def test_acknowledging_as_a_pdf_gives_a_letter_to_download_and_audits_it(login, case_manager, person):
    referral = ReferralFactory(person=person)
    client = login(case_manager)
    response = client.post(
        f"/referrals/{referral.pk}/acknowledge/",
        {
            "recipients": ["person", "referrer"],
            "method": "pdf",
            "sent_on_day": "1",
            "sent_on_month": "3",
            "sent_on_year": "2027",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Download the letter below" in page
    letter = referral.letters.first()
    pdf = client.get(f"/referrals/letters/{letter.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="letter.downloaded", person=person).exists()


def test_the_lead_changes_a_letter_and_a_mistake_is_explained(login, lead):
    client = login(lead)
    response = client.post(
        "/referrals/templates/acknowledgement/", {"subject": "Hello", "body": "Dear {first_name} {surname}"}
    )
    page = response.content.decode()
    assert "The letter uses a placeholder OpenDSR does not know: {surname}" in page
    assert "Dear {first_name} {surname}" in page
    response = client.post(
        "/referrals/templates/acknowledgement/", {"subject": "Hello", "body": "Dear {first_name}"}
    )
    assert response.status_code == 302
    assert "Hello" in client.get("/referrals/templates/").content.decode()


def test_the_referral_asks_who_looks_after_a_new_person_and_they_land_on_that_caseload(
    login, lead, make_user, team
):
    from opendsr.accounts.models import Role

    keeper = make_user(Role.CASE_MANAGER, team=team, first_name="Kim", last_name="Keeper")
    client = login(lead)
    page = client.get("/referrals/new/").content.decode()
    assert "Which team will look after them?" in page and "Case manager (optional)" in page
    response = client.post("/referrals/new/", _form(team=str(team.pk), case_manager=str(keeper.pk)))
    assert response.status_code == 302
    person = Person.objects.get()
    assert (person.team, person.case_manager) == (team, keeper)
    caseload = login(keeper).get("/work/").content.decode()
    assert person.full_name in caseload  # their acknowledgement is on Kim's caseload


def test_the_team_defaults_to_the_recording_users_own(login, make_user, team):
    from opendsr.accounts.models import Role

    member = make_user(Role.CASE_MANAGER, team=team)
    page = login(member).get("/referrals/new/").content.decode()
    import re

    assert re.search(rf'<option value="{team.pk}"\s+selected\s*>', page)


def test_a_person_nobody_owns_is_on_the_leads_queue_to_allocate_until_allocated(login, lead, make_user, team):
    from opendsr.accounts.models import Role

    client = login(lead)
    assert client.post("/referrals/new/", _form(team="")).status_code == 302
    person = Person.objects.get()
    assert person.team is None
    allocate = f"/people/{person.pk}/allocate/"
    work = client.get("/work/").content.decode()
    assert "Needs allocating" in work and f'href="{allocate}"' in work
    assert "Needs allocating" in client.get("/work/icb/").content.decode()
    # A case manager with no team sees everyone, but may not allocate: no item, no link
    other = login(make_user(Role.CASE_MANAGER)).get("/work/?show=all").content.decode()
    assert "Needs allocating" not in other and allocate not in other
    assert login(make_user(Role.CASE_MANAGER)).get(allocate).status_code == 403

    client = login(lead)
    elsewhere = make_user(Role.CASE_MANAGER, team=TeamFactory(icb=team.icb, name="Children's team"))
    response = client.post(allocate, {"team": str(team.pk), "case_manager": str(elsewhere.pk)})
    assert response.status_code == 200  # not in that team: explained
    assert "is not in Adult community team" in response.content.decode()
    outsider = make_user(Role.CASE_MANAGER, team=None)
    response = client.post(allocate, {"team": str(team.pk), "case_manager": str(outsider.pk)})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.team == team and person.case_manager == outsider
    assert f'href="{allocate}"' not in client.get("/work/").content.decode()


def test_the_referral_page_says_how_soon_the_outcome_must_be_told(login, case_manager, person):
    referral = ReferralFactory(person=person)
    page = login(case_manager).get(f"/referrals/{referral.pk}/").content.decode()
    assert "Within 24 hours of the decision" in page


def test_stratifying_a_referral_without_consent_links_to_where_consent_is_recorded(
    make_person, case_manager, login
):
    from opendsr.register.models import RatingDecision, RegisterStatus
    from opendsr.register.queries import active_instrument
    from tests.factories import give_consent

    referral = ReferralFactory(person=make_person(status=RegisterStatus.REFERRED))
    person = referral.person
    instrument = active_instrument(person)
    answers = {f"item_{item['id']}": item["options"][0]["id"] for item in instrument.data["items"]}
    decision = {
        "step": "decide",
        **answers,
        "decided_on": "2027-03-01",
        "rating": "amber",
        "professional_judgement": "Incidents are getting more frequent",
        "rationale": "Placement at risk",
        "referral": str(referral.pk),
    }
    client = login(case_manager)
    page = client.post(f"/people/{person.pk}/rating/?referral={referral.pk}", decision).content.decode()
    summary = page[page.index("nhsuk-error-summary__list") :]
    summary = summary[: summary.index("</ul>")]
    assert f'href="/people/{person.pk}/consent/"' in summary
    assert "cannot be rated onto the register without consent" in summary
    assert "Incidents are getting more frequent" in page  # what was typed is kept
    assert not RatingDecision.objects.filter(referral_id=referral.pk).exists()
    give_consent(person, case_manager, dt.date(2027, 2, 27))
    response = client.post(f"/people/{person.pk}/rating/?referral={referral.pk}", decision)
    assert response.status_code == 302 and response["Location"] == f"/referrals/{referral.pk}/"
    assert RatingDecision.objects.get(referral_id=referral.pk).rating == "amber"
