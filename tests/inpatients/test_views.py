"""The inpatient record's pages, as a case manager, a DSR lead and other roles see them."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io

import pytest
from openpyxl import load_workbook

from opendsr.accounts.models import AuditEvent, Role
from opendsr.inpatients import services
from opendsr.inpatients.models import Admission, RestrictiveEpisode
from opendsr.oversight.services import record_timeline_event
from opendsr.register.models import Obligation
from tests.factories import PersonFactory
from tests.inpatients.helpers import ADMITTED_ON, admission_answers, posted

pytestmark = pytest.mark.django_db


def record_url(person):
    return f"/people/{person.pk}/inpatient/"


def admit(person, by, **changes):
    return services.record_admission(person=person, by=by, **admission_answers(**changes))


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_admitting_through_the_form_shows_the_record_with_blue_and_the_12_points(login, case_manager, person):
    client = login(case_manager)
    form = text(client.get(f"/people/{person.pk}/inpatient/admit/"))
    assert "Record an admission to hospital" in form and "Mental Health Act status" in form
    response = client.post(f"/people/{person.pk}/inpatient/admit/", posted(admission_answers()), follow=True)
    page = text(response)
    assert f"{person.full_name}'s admission is recorded. They are now rated blue" in page
    assert "Fenwick House" in page and "Willow ward" in page and "(ODS code RX4)" in page
    assert "Section 3 (treatment) since 1 February 2027" in page
    assert "0 of 18 points done or not needed, 0 in progress" in page
    assert "1. Person in active treatment: start discharge planning" in page
    person.refresh_from_db()
    assert person.current_rating == "blue"


def test_bad_input_shows_the_error_summary_keeps_what_was_typed_and_saves_nothing(
    login, case_manager, person
):
    client = login(case_manager)
    answers = posted(admission_answers(hospital="", provider_ods_code="??", reason=""))
    answers["admitted_on_year"] = "20x7"
    response = client.post(f"/people/{person.pk}/inpatient/admit/", answers)
    page = text(response)
    assert response.status_code == 200
    assert "<title>Error: Record an admission to hospital" in page
    assert "There is a problem" in page
    assert "Enter the name of the hospital" in page
    assert "Date of admission must be a real date" in page
    assert "Enter why they were admitted" in page
    assert 'value="Willow ward"' in page
    assert not Admission.objects.exists() and not person.timeline.exists()


def test_a_service_refusal_shows_against_its_field(login, case_manager, person):
    client = login(case_manager)
    answers = posted(admission_answers(provider_ods_code="R 4", delayed_discharge=True))
    page = text(client.post(f"/people/{person.pk}/inpatient/admit/", answers))
    assert "Provider ODS code must be 3 to 10 letters and numbers" in page
    assert "Select what is delaying the discharge" in page
    assert 'href="#id_delay_barriers"' in page
    assert not Admission.objects.exists()


def test_a_bare_admission_displays_sensibly_and_its_details_can_be_added(login, case_manager, person):
    record_timeline_event(
        person=person,
        by=case_manager,
        type="admitted",
        date=dt.date(2027, 1, 20),
        data={"setting": "secure", "route": "criminal_justice"},
    )
    client = login(case_manager)
    page = text(client.get(record_url(person)))
    assert "admitted to hospital on 20 January 2027 (secure, through the criminal justice system)" in page
    person_page = text(client.get(f"/people/{person.pk}/"))
    assert (
        "Admitted to hospital on 20 January 2027. The details of the admission are not recorded yet."
        in person_page
    )
    form = text(client.get(f"/people/{person.pk}/inpatient/admit/"))
    assert "Add the admission details" in form
    assert 'value="20"' in form and 'value="secure" checked' in form
    answers = posted(
        admission_answers(admitted_on=dt.date(2027, 1, 20), setting="secure", route="criminal_justice")
    )
    client.post(f"/people/{person.pk}/inpatient/admit/", answers)
    assert person.timeline.filter(type="admitted", voided_at__isnull=True).count() == 1
    assert "not recorded yet" not in text(client.get(record_url(person)))


def test_a_three_day_segregation_shows_the_independent_cetr_entitlement(login, case_manager, person, today):
    admission = admit(person, case_manager)
    services.record_episode(
        admission=admission,
        by=case_manager,
        kind="lts",
        started_on=today - dt.timedelta(days=3),
        reported_by="Ward manager",
    )
    page = text(login(case_manager).get(record_url(person)))
    assert "Lasted 48 hours on 28 February 2027" in page
    assert "Not ended (3 days so far)" in page
    stored = Obligation.objects.get(person=person, kind="independent_cetr")  # the clock's, never the page's
    assert "is entitled to an independent C(E)TR (IC(E)TR)" in page
    assert f"It is due by {stored.due.day} {stored.due:%B %Y}" in page


def test_the_entitlement_shown_is_the_stored_obligation(login, case_manager, person):
    admission = admit(person, case_manager)
    Obligation.objects.create(
        person=person,
        kind="independent_cetr",
        raised_on=dt.date(2027, 2, 22),
        due=dt.date(2027, 3, 1),
        basis="s14.4: an independent C(E)TR for long-term segregation lasting 48 hours",
    )
    assert admission.pk
    page = text(login(case_manager).get(record_url(person)))
    assert "Independent C(E)TR (IC(E)TR)" in page
    assert "is entitled to an independent C(E)TR (IC(E)TR)" in page
    assert "It is due by 1 March 2027" in page


def test_seclusion_is_not_long_term_segregation(login, case_manager, person):
    admission = admit(person, case_manager)
    services.record_episode(
        admission=admission,
        by=case_manager,
        kind="seclusion",
        started_on=dt.date(2027, 2, 10),
        reported_by="Ward manager",
    )
    page = text(login(case_manager).get(record_url(person)))
    assert "Not long-term segregation" in page
    assert "Independent C(E)TR (IC(E)TR)" not in page


def test_ending_an_episode_through_its_page(login, case_manager, person):
    admission = admit(person, case_manager)
    episode = services.record_episode(
        admission=admission, by=case_manager, kind="lts", started_on=dt.date(2027, 2, 20), reported_by="Ward"
    )
    client = login(case_manager)
    url = f"/people/{person.pk}/inpatient/episodes/{episode.pk}/"
    bad = client.post(
        url,
        posted({"started_on": dt.date(2027, 2, 20), "ended_on": dt.date(2027, 2, 19), "reported_by": "Ward"}),
    )
    assert "The date it ended must be the same as or after the date it started" in text(bad)
    client.post(
        url,
        posted({"started_on": dt.date(2027, 2, 20), "ended_on": dt.date(2027, 2, 24), "reported_by": "Ward"}),
    )
    episode.refresh_from_db()
    assert episode.ended_on == dt.date(2027, 2, 24)
    assert person.timeline.filter(type="segregation_ended", voided_at__isnull=True).get().date == dt.date(
        2027, 2, 24
    )


def test_the_discharge_plan_points_are_worked_one_by_one(login, case_manager, person):
    admission = admit(person, case_manager)
    item = admission.plan_items.get(point="7")
    client = login(case_manager)
    url = f"/people/{person.pk}/inpatient/plan/{item.pk}/"
    assert "Accommodation identified and secured" in text(client.get(url))
    refused = client.post(url, posted({"status": "in_progress", "owner": "", "target_on": None, "note": ""}))
    assert "Enter who owns this point" in text(refused)
    response = client.post(
        url,
        posted(
            {
                "status": "in_progress",
                "owner": "Council housing team",
                "target_on": dt.date(2027, 5, 3),
                "note": "Two homes",
            }
        ),
        follow=True,
    )
    page = text(response)
    assert "Point 7 of the discharge plan is updated." in page
    assert "Council housing team" in page and "3 May 2027" in page
    assert "0 of 18 points done or not needed, 1 in progress" in page


def test_a_move_is_listed_with_where_they_were(login, case_manager, person):
    admission = admit(person, case_manager)
    client = login(case_manager)
    client.post(
        f"/people/{person.pk}/inpatient/{admission.pk}/move/",
        posted(
            {
                "moved_on": dt.date(2027, 2, 10),
                "hospital": "Castlegate Hospital",
                "provider": "Forensic",
                "provider_ods_code": "",
                "ward": "Kestrel ward",
                "setting": "secure",
                "reason": "Step up",
            }
        ),
    )
    page = text(client.get(record_url(person)))
    assert "Fenwick House, Willow ward (not secure)" in page
    assert "Castlegate Hospital, Kestrel ward (secure)" in page


def test_the_ministry_of_justice_link_shows_only_for_restricted_patients(login, case_manager, person):
    admission = admit(person, case_manager)
    client = login(case_manager)
    assert "Record contact with the Ministry of Justice" not in text(client.get(record_url(person)))
    refused = client.post(
        f"/people/{person.pk}/inpatient/{admission.pk}/ministry-of-justice/",
        posted(
            {
                "contacted_on": dt.date(2027, 2, 5),
                "contact": "MHCS",
                "information_sent": "Outcome",
                "reply": "",
            }
        ),
    )
    assert "is not a restricted patient" in text(refused)
    person.moj_restricted = True
    person.save()
    assert "Record contact with the Ministry of Justice" in text(client.get(record_url(person)))


def test_discharge_asks_for_the_new_rating_on_the_spot(login, case_manager, person):
    admission = admit(person, case_manager)
    response = login(case_manager).post(
        f"/people/{person.pk}/inpatient/{admission.pk}/discharge/",
        posted(
            {
                "discharged_on": dt.date(2027, 2, 26),
                "discharged_to": "supported_living",
                "discharge_details": "",
                "post_discharge_plan": "Community team support",
                "follow_up_until": dt.date(2027, 8, 26),
            }
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/people/{person.pk}/rating/"
    assert "They are no longer rated blue: decide their new rating now." in text(response)


def test_the_six_weekly_list_and_its_downloads(login, lead, person, make_person, today):
    admission = admit(person, lead)
    services.record_episode(
        admission=admission, by=lead, kind="lts", started_on=dt.date(2027, 2, 20), reported_by="Ward"
    )
    long_ago = make_person()
    old = admit(long_ago, lead, admitted_on=dt.date(2026, 6, 1))
    services.record_episode(
        admission=old,
        by=lead,
        kind="lts",
        started_on=dt.date(2026, 7, 1),
        ended_on=dt.date(2026, 7, 10),
        reported_by="Ward",
    )
    client = login(lead)
    page = text(client.get("/inpatients/segregation/"))
    assert "1 episode of long-term segregation" in page
    assert person.full_name in page and long_ago.full_name not in page
    assert "from 19 January 2027 to 1 March 2027" in page
    earlier = text(client.get("/inpatients/segregation/?as_of_day=20&as_of_month=7&as_of_year=2026"))
    assert long_ago.full_name in earlier and person.full_name not in earlier
    download = client.get("/inpatients/segregation/export.csv")
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["NHS number", "Name"]
    assert rows[1][1] == person.full_name and rows[1][7] == "2027-02-20"
    assert AuditEvent.objects.filter(action="inpatient.segregation_exported").exists()
    sheet = load_workbook(io.BytesIO(client.get("/inpatients/segregation/export.xlsx").content)).active
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert sheet.title == "Long-term segregation"
    assert cells[0][:2] == ["NHS number", "Name"] and len(cells) == 2
    assert cells[1][1] == person.full_name and long_ago.full_name not in str(cells)


def test_the_six_weekly_list_refuses_a_future_date_with_an_error_summary(login, lead):
    page = text(login(lead).get("/inpatients/segregation/?as_of_day=1&as_of_month=1&as_of_year=2030"))
    assert "<title>Error: " in page and "must be today or in the past" in page


def test_only_those_who_may_see_the_person_see_the_record(login, make_user, person, other_icb, case_manager):
    admit(person, case_manager)
    stranger = PersonFactory(icb=other_icb)
    client = login(case_manager)
    assert client.get(record_url(stranger)).status_code == 404
    analyst = login(make_user(Role.ANALYST))
    assert analyst.get(record_url(person)).status_code in (403, 404)
    panel = login(make_user(Role.PANEL_MEMBER))
    assert panel.get(f"/people/{person.pk}/inpatient/admit/").status_code in (403, 404)
    assert login(case_manager).get("/inpatients/segregation/").status_code == 403


def test_a_person_panel_links_to_the_inpatient_record(login, case_manager, person):
    admit(person, case_manager, delayed_discharge=True, delay_barriers=["housing", "funding"])
    page = text(login(case_manager).get(f"/people/{person.pk}/"))
    assert "At Fenwick House, Willow ward, since 1 February 2027. Section 3 (treatment)." in page
    assert "Discharge delayed: housing, funding." in page
    assert f'href="/people/{person.pk}/inpatient/"' in page


def test_every_change_keeps_history_and_an_audit_row(case_manager, person):
    admission = admit(person, case_manager)
    services.update_admission(
        admission=admission,
        by=case_manager,
        **admission_answers(delayed_discharge=True, delay_barriers=["legal"]),
    )
    assert admission.history.count() == 2
    episode = services.record_episode(
        admission=admission, by=case_manager, kind="lts", started_on=ADMITTED_ON, reported_by="Ward"
    )
    assert RestrictiveEpisode.history.model.objects.filter(id=episode.pk).count() == 1
    actions = set(AuditEvent.objects.filter(person=person).values_list("action", flat=True))
    assert {"inpatient.admitted", "inpatient.admission_changed", "inpatient.episode_recorded"} <= actions


def test_the_icb_overview_links_to_the_six_weekly_list(login, lead):
    page = text(login(lead).get("/work/icb/"))
    assert 'href="/inpatients/segregation/"' in page
