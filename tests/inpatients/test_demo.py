"""The inpatient demo data: a full record with long-term segregation and a discharge plan in progress, beside
the bare admissions a register moving to OpenDSR would have."""

import pytest

from opendsr.accounts import access
from opendsr.accounts import demo as accounts_demo
from opendsr.accounts.models import Role, User
from opendsr.inpatients import demo, queries
from opendsr.inpatients.models import Admission, RestrictiveEpisode
from opendsr.register import demo as register_demo
from opendsr.register.models import Person

pytestmark = pytest.mark.django_db


def test_demo_inpatients_have_a_full_record_and_load_once():
    context = register_demo.load(accounts_demo.load())
    demo.load(context)
    full = Admission.objects.get(mha_status="s3")
    assert full.delayed_discharge and full.plan_items.filter(status="in_progress").exists()
    assert RestrictiveEpisode.objects.filter(admission=full, kind="lts", ended_on__isnull=True).exists()
    restricted = Admission.objects.get(mha_status="s37_41")
    assert restricted.transfers.count() == 1 and restricted.moj_contacts.count() == 1
    inpatients = Person.objects.filter(icb=context["icb"], location="inpatient")
    assert any(queries.unrecorded_admission(p) for p in inpatients)  # some keep their bare admission event
    demo.load(context)
    assert Admission.objects.count() == 2


def test_the_demo_regional_lead_has_someone_in_long_term_segregation_to_report(today):
    context = register_demo.load(accounts_demo.load())
    demo.load(context)
    regional = User.objects.get(role=Role.REGIONAL)
    start, end = queries.lts_period(today)
    people = access.region_people_in_segregation(regional, start, end)
    assert people.exists() and queries.lts_rows(people, today)
