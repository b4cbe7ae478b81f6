"""The review pages: who sees what, and forms that explain mistakes and keep what was typed."""

import datetime as dt
import io

from PIL import Image

from opendsr.accounts.models import Role
from opendsr.reviews.models import Finding, KloeTemplate, PanelSeat
from opendsr.reviews.services.invitations import send_invitations
from opendsr.reviews.services.meeting import record_findings
from tests.reviews.factories import PanelMemberFactory, ReviewFactory


def test_a_panel_member_sees_only_the_reviews_they_sit_on(icb, make_person, make_user, login):
    panel_user = make_user(Role.PANEL_MEMBER)
    mine = ReviewFactory(person=make_person(given_name="Ada"))
    theirs = ReviewFactory(person=make_person(given_name="Ben"))
    member = PanelMemberFactory(icb=icb, user=panel_user, role="expert_by_experience")
    PanelSeat.objects.create(review=mine, member=member, role="expert_by_experience")
    client = login(panel_user)
    page = client.get("/reviews/").content.decode()
    assert "Ada" in page and "Ben" not in page
    assert client.get(f"/reviews/{mine.pk}/").status_code == 200
    assert client.get(f"/reviews/{theirs.pk}/").status_code == 404
    assert client.get(f"/people/{theirs.person.pk}/").status_code == 404
    # They record findings on their own review, but cannot organise it
    assert client.get(f"/reviews/{mine.pk}/findings/safe/").status_code == 200
    assert client.get(f"/reviews/{mine.pk}/panel/").status_code == 403


def test_another_icbs_review_does_not_exist(other_icb, case_manager, login):
    review = ReviewFactory(person__icb=other_icb)
    client = login(case_manager)
    assert client.get(f"/reviews/{review.pk}/").status_code == 404
    assert client.get(f"/reviews/{review.pk}/report.pdf").status_code == 404


def test_arrangements_with_gaps_are_explained_and_what_was_typed_is_kept(person, case_manager, login):
    review = ReviewFactory(person=person, scheduled_for=None, venue="")
    client = login(case_manager)
    response = client.post(
        f"/reviews/{review.pk}/arrangements/",
        {
            "scheduled_for_day": "31",
            "scheduled_for_month": "2",
            "scheduled_for_year": "2027",
            "reasonable_adjustments": "Quiet room",
            "video_link": "not a link",
        },
    )
    page = response.content.decode()
    assert "<title>Error:" in page and "There is a problem" in page
    assert "must be a real date" in page and "Enter a video link" in page
    assert "Quiet room" in page
    review.refresh_from_db()
    assert review.scheduled_for is None


def test_a_new_version_of_the_key_lines_of_enquiry_leaves_old_findings_on_theirs(icb, person, lead, login):
    review = ReviewFactory(person=person, held_on=dt.date(2027, 2, 1))
    record_findings(review=review, by=lead, question="safe", findings="Safe at home.")
    first = Finding.objects.get().template
    assert first.version == 1
    client = login(lead)
    page = client.get("/reviews/kloe/community-adult/").content.decode()
    assert "restrictive practice" in page
    response = client.post(
        "/reviews/kloe/community-adult/", {"safe": "Does the person feel safe?\nWho do they trust?"}
    )
    assert response.status_code == 302
    current = KloeTemplate.objects.get(icb=icb, setting="community", population="adult", active=True)
    assert current.version == 2 and current.prompts["safe"] == [
        "Does the person feel safe?",
        "Who do they trust?",
    ]
    assert Finding.objects.get().template.version == 1
    assert "Who do they trust?" in client.get(f"/reviews/{review.pk}/findings/safe/").content.decode()


def test_a_panel_members_photo_is_kept_and_only_an_image_is_taken(icb, lead, login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opendsr.reviews.models import PanelMember

    settings.MEDIA_ROOT = tmp_path
    client = login(lead)
    form = {"name": "Kim Lowe", "role": "expert_by_experience", "active": "on"}
    bad = client.post("/reviews/directory/new/", {**form, "photo": SimpleUploadedFile("kim.exe", b"MZ")})
    assert "The photo must be a JPEG or PNG" in bad.content.decode()
    assert not PanelMember.objects.exists()
    png = io.BytesIO()
    Image.new("RGB", (40, 50), "teal").save(png, format="PNG")
    good = client.post(
        "/reviews/directory/new/",
        {**form, "photo": SimpleUploadedFile("kim.png", png.getvalue(), "image/png")},
    )
    assert good.status_code == 302
    member = PanelMember.objects.get()
    assert member.photo.name.startswith("panel-photos/kim-lowe")
    client.post(f"/reviews/directory/{member.pk}/", {**form, "name": "Kim Lowe-Hart"})
    member.refresh_from_db()
    assert member.name == "Kim Lowe-Hart" and member.photo  # changing details keeps the photo


def test_the_directory_filters_by_training_and_specialism(icb, lead, login):
    PanelMemberFactory(icb=icb, name="Current Carol", specialisms=["autism"])
    PanelMemberFactory(
        icb=icb, name="Stale Sid", induction_trained_on=dt.date(2022, 1, 1), specialisms=["children"]
    )
    PanelMemberFactory(icb=icb, name="Untrained Una", induction_trained_on=None, specialisms=["pharmacist"])
    client = login(lead)
    expired = client.get("/reviews/directory/?training=expired").content.decode()
    assert "Stale Sid" in expired and "Current Carol" not in expired and "Untrained Una" not in expired
    assert "Untrained Una" in client.get("/reviews/directory/?training=missing").content.decode()
    autism = client.get("/reviews/directory/?specialism=autism").content.decode()
    assert "Current Carol" in autism and "Stale Sid" not in autism


def _invitee_rows(page: str) -> dict[str, str]:
    """The rows of the invitations form, by the role chosen in each."""
    import re

    body = page.split('<tbody class="nhsuk-table__body">')[-1]
    rows = {}
    for row in body.split('<tr class="nhsuk-table__row">')[1:]:
        chosen = re.search(r'<option value="([a-z_]+)" selected>', row)
        if chosen:
            rows.setdefault(chosen.group(1), row)
    return rows


def test_suggested_roles_are_not_ticked_as_people_and_nobody_is_suggested_twice(
    make_person, case_manager, login
):
    adult = make_person(given_name="Ada", family_name="Lovelace", date_of_birth=dt.date(1990, 6, 1))
    review = ReviewFactory(person=adult, pathway="ctr")
    client = login(case_manager)
    url = f"/reviews/{review.pk}/invitations/"
    rows = _invitee_rows(client.get(url).content.decode())
    assert "Adult social care — name to be added" in rows["adult_social_care"]
    assert "checked" not in rows["adult_social_care"]
    assert 'value="Adult social care"' not in rows["adult_social_care"]  # a role is not a name
    assert 'value="Ada Lovelace"' in rows["person"] and "checked" in rows["person"]

    # Ticking a role without naming anyone is explained, and nothing is sent
    form = {
        "invitee-TOTAL_FORMS": "1",
        "invitee-INITIAL_FORMS": "0",
        "invitee-0-invite": "on",
        "invitee-0-role": "adult_social_care",
        "invitee-0-name": "",
        "invitee-0-method": "letter",
    }
    response = client.post(url, form)
    assert "Add a name to invite for “Adult social care”" in response.content.decode()
    assert review.invitations.count() == 0

    send_invitations(
        review=review,
        by=case_manager,
        invitees=[
            {"role": "person", "name": "Ada Lovelace", "method": "letter"},
            {"role": "adult_social_care", "name": "Dana Social", "method": "letter"},
        ],
    )
    rows = _invitee_rows(client.get(url).content.decode())
    assert "person" not in rows and "adult_social_care" not in rows
    assert "other" in rows  # the empty rows to add someone else


def test_a_review_rating_onto_the_register_without_consent_links_to_where_consent_is_recorded(
    make_person, case_manager, login
):
    from opendsr.register.models import RegisterStatus
    from tests.factories import give_consent

    referred = make_person(status=RegisterStatus.REFERRED)  # a C(E)TR asked for before joining the register
    review = ReviewFactory(person=referred, held_on=dt.date(2027, 2, 1))
    client = login(case_manager)
    answers = {"rating": "red", "rationale": "The panel found the placement at risk"}
    page = client.post(f"/reviews/{review.pk}/rating/", answers).content.decode()
    summary = page[page.index("nhsuk-error-summary__list") :]
    summary = summary[: summary.index("</ul>")]
    assert f'href="/people/{referred.pk}/consent/"' in summary
    assert "cannot be rated onto the register without consent" in summary
    assert "The panel found the placement at risk" in page  # what was typed is kept
    referred.refresh_from_db()
    assert referred.status == RegisterStatus.REFERRED
    give_consent(referred, case_manager, dt.date(2027, 1, 20))
    assert client.post(f"/reviews/{review.pk}/rating/", answers).status_code == 302
    referred.refresh_from_db()
    assert (referred.status, referred.current_rating) == (RegisterStatus.ACTIVE, "red")
