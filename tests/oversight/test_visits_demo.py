"""The demo ICB shows visits, escalation and complaints: a sit-and-see visit with its Appendix 4 notes and an
open action in its owner's My work, a request to escalate, and a complaint not yet resolved."""

from opendsr.oversight.visits.models import Complaint, EscalationRequest, OversightVisit, VisitAction
from tests.conftest import verify
from tests.crawl import load_demo


def test_the_demo_has_a_sit_and_see_visit_with_an_open_action_in_its_owners_my_work(db, client):
    context = load_demo()
    visit = OversightVisit.objects.get(sit_and_see=True)
    action = VisitAction.objects.get(visit=visit, status="open")
    owner = action.owner
    assert owner.email == "case.manager@northdale.example"
    client = verify(client, owner)
    page = client.get(f"/work/visits/{visit.pk}/").content.decode()
    assert "Staff knew" in page and "Is it caring and involving?" in page
    # My work (a case manager's caseload), narrowed to actions from visits as its filter offers
    work = client.get("/work/?kind=visit_action").content.decode()
    assert f"Visit action: {action.text[:40]}" in work
    person_page = client.get(f"/people/{visit.person_id}/").content.decode()
    assert "Requests to escalate to the ICS oversight panel" in person_page
    assert EscalationRequest.objects.filter(requested_by="family").exists()
    assert Complaint.objects.filter(resolved_on__isnull=True).exists()
    assert context["icb"] is not None
