"""The DSR lead's easy read pictures: uploaded in settings, re-made as a clean image, shown with their words."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from opendsr.public.models import EasyReadPicture, FrontDoor
from tests.public.conftest import ODS


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(name="home.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "#005eb8").save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def add(client, **fields):
    return client.post(
        "/administration/public-pages/pictures/add/",
        {
            "image": png(),
            "sentence": "We help you stay at home.",
            "alt_text": "A house with a family",
            **fields,
        },
    )


def test_a_picture_the_lead_adds_is_on_the_easy_read_page_with_its_words(front_door, lead, login):
    assert add(login(lead)).status_code == 302
    picture = EasyReadPicture.objects.get()
    page = Client().get(f"/public/{ODS}/easy-read/").content.decode()
    assert f'src="/public/{ODS}/pictures/{picture.pk}/"' in page
    assert 'alt="A house with a family"' in page and "We help you stay at home." in page
    image = Client().get(f"/public/{ODS}/pictures/{picture.pk}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(b"".join(image.streaming_content))).size == (60, 40)


def test_a_file_that_is_not_a_picture_is_refused_and_the_words_kept(front_door, lead, login):
    fake = SimpleUploadedFile("home.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = add(login(lead), image=fake, sentence="Kept sentence")
    html = response.content.decode()
    assert response.status_code == 200 and "The picture must be a JPEG or PNG" in html
    assert "Kept sentence" in html and not EasyReadPicture.objects.exists()


def test_a_picture_needs_words_for_people_who_cannot_see_it(front_door, lead, login):
    response = add(login(lead), alt_text="")
    assert "Enter what the picture shows" in response.content.decode()
    assert not EasyReadPicture.objects.exists()


def test_another_icbs_picture_is_not_shown_under_this_icb(front_door, lead, login, other_icb, make_user):
    other_icb.ods_code = "QT2"
    other_icb.save()
    FrontDoor.objects.create(
        icb=other_icb, published=True, service_name="Other", phone="1", hours="Never", criteria="Others"
    )
    add(login(make_user(lead.role, icb=other_icb)))
    theirs = EasyReadPicture.objects.get()
    assert Client().get(f"/public/{ODS}/pictures/{theirs.pk}/").status_code == 404
    assert Client().get(f"/public/QT2/pictures/{theirs.pk}/").status_code == 200


def test_the_lead_removes_a_picture(front_door, lead, login):
    client = login(lead)
    add(client)
    picture = EasyReadPicture.objects.get()
    assert client.post(f"/administration/public-pages/pictures/{picture.pk}/remove/").status_code == 302
    assert not EasyReadPicture.objects.exists()
    assert Client().get(f"/public/{ODS}/pictures/{picture.pk}/").status_code == 404
