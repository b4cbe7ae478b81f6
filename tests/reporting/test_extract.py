"""Given people in hospital, when the DSR lead downloads the Assuring Transformation extract, then there is one
row per inpatient with the fields OpenDSR holds, pseudonymised unless they ask for names; an analyst cannot
download it."""

import csv
import datetime as dt
import io

from opendsr.accounts.models import AuditEvent, Role
from opendsr.inpatients import services
from opendsr.register.timeline import record_event
from opendsr.reporting.extract import pseudonym
from tests.inpatients.helpers import admission_answers


def _admitted(make_person, case_manager, **changes):
    person = make_person(given_name="Alex", family_name="Inpatient", nhs_number="9434765919")
    record_event(person=person, type="cetr_held", date=dt.date(2026, 12, 1), data={"kind": "community"})
    services.record_admission(person=person, by=case_manager, **admission_answers(**changes))
    record_event(person=person, type="cetr_held", date=dt.date(2027, 2, 20), data={"kind": "post_admission"})
    return person


def _rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_one_row_per_inpatient_pseudonymised_by_default(login, lead, case_manager, make_person):
    person = _admitted(make_person, case_manager, delayed_discharge=True, delay_barriers=["housing"])
    make_person(given_name="Not", family_name="InHospital")
    response = login(lead).get("/figures/inpatients.csv")
    rows = _rows(response)
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Pseudonym"] == pseudonym(person.pk)
    assert row["Admission date"] == "2027-02-01"
    assert row["Hospital"] == "Fenwick House" and row["Ward"] == "Willow ward"
    assert row["Legal status"] == "Section 3 (treatment)"
    assert row["C(E)TRs in the 6 months before admission"] == "2026-12-01"
    assert row["C(E)TRs during the stay"] == "2027-02-20"
    assert row["Expected discharge date"] == "2027-06-01"
    assert row["Discharge delayed"] == "Yes" and row["Delay reasons"] == "Housing"
    body = response.content.decode("utf-8-sig")
    assert "Alex" not in body and "9434765919" not in body
    assert AuditEvent.objects.filter(action="inpatients.exported", user=lead).exists()


def test_the_lead_may_ask_for_names(login, lead, case_manager, make_person):
    _admitted(make_person, case_manager)
    rows = _rows(login(lead).get("/figures/inpatients.csv?identifiable=1"))
    assert rows[0][:3] == ["NHS number", "Name", "Date of birth"]
    assert rows[1][:2] == ["9434765919", "Alex Inpatient"]


def test_an_analyst_cannot_download_people(login, make_user):
    analyst = make_user(Role.ANALYST)
    assert login(analyst).get("/figures/inpatients.csv").status_code == 403
    assert "Assuring Transformation" not in login(analyst).get("/figures/").content.decode()
