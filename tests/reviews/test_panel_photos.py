"""A panel member's photo is kept only as a clean JPEG or PNG that OpenDSR re-made: no SVG or HTML, nothing
Pillow cannot decode, no EXIF location, no picture too large to decode safely, and no body too large to read."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from opendsr.reviews.models import PanelMember

FORM = {"name": "Kim Lowe", "role": "expert_by_experience", "active": "on"}
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture
def client(login, lead, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return login(lead)


def _image(fmt="JPEG", size=(1600, 900), mode="RGB", **save):
    out = io.BytesIO()
    Image.new(mode, size, "teal" if mode == "RGB" else 1).save(out, format=fmt, **save)
    return out.getvalue()


def _post(client, content, name="kim.jpg", content_type="image/jpeg", **fields):
    return client.post(
        "/reviews/directory/new/",
        {**FORM, **fields, "photo": SimpleUploadedFile(name, content, content_type)},
    )


def _stored():
    member = PanelMember.objects.get()
    member.photo.open("rb")
    content = member.photo.read()
    return member, content, Image.open(io.BytesIO(content))


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (SVG, "kim.svg", "image/svg+xml"),
        (SVG, "kim.png", "image/png"),
        (HTML, "kim.jpg", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "kim.png", "image/png"),  # a PNG signature and nothing after
        (_image("JPEG")[:600], "kim.jpg", "image/jpeg"),  # cut off part way
        (_image("GIF", mode="P"), "kim.png", "image/png"),  # an image, but not a JPEG or PNG
    ],
    ids=["svg", "svg-named-png", "html-named-jpg", "png-signature-only", "truncated-jpeg", "gif-named-png"],
)
def test_anything_but_a_decodable_jpeg_or_png_is_refused_and_the_form_keeps_what_was_typed(
    client, content, name, content_type
):
    response = _post(client, content, name, content_type, organisation="Northdale Voices")
    body = response.content.decode()
    assert response.status_code == 200
    assert "The photo must be a JPEG or PNG" in body
    assert 'value="Northdale Voices"' in body
    assert not PanelMember.objects.exists()


def test_a_photo_is_re_encoded_without_its_exif_and_scaled_down(client):
    exif = Image.Exif()
    exif[0x010E] = "Taken at 12 Secret Lane"  # ImageDescription
    exif[0x8825] = {2: (51.0, 30.0, 0.0), 1: "N"}  # GPS: where the photo was taken
    original = _image("JPEG", size=(3000, 2000), exif=exif.tobytes(), comment=b"private note")
    assert b"Secret Lane" in original
    assert _post(client, original).status_code == 302
    member, content, stored = _stored()
    assert stored.format == "JPEG" and max(stored.size) == 1200
    assert not stored.getexif() and "comment" not in stored.info
    assert b"Secret Lane" not in content and b"private note" not in content
    assert member.photo.name.startswith("panel-photos/kim-lowe") and member.photo.name.endswith(".jpg")


def test_a_png_stays_a_png_and_loses_its_text_chunks(client):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "home address 12 Secret Lane")
    original = _image("PNG", size=(300, 300), pnginfo=info)
    assert b"Secret Lane" in original
    assert _post(client, original, "kim.png", "image/png").status_code == 302
    _member, content, stored = _stored()
    assert stored.format == "PNG" and stored.size == (300, 300)
    assert b"Secret Lane" not in content


@pytest.mark.parametrize("size", [(6000, 5000), (10_001, 10)], ids=["30-megapixels", "10001-wide"])
def test_a_picture_too_large_to_decode_safely_is_refused(client, size):
    response = _post(client, _image("PNG", size=size, mode="1"), "kim.png", "image/png")
    assert "The photo must be smaller than 25 megapixels" in response.content.decode()
    assert not PanelMember.objects.exists()


def test_a_file_over_2_mb_is_not_kept_and_the_form_says_so(client):
    big = _image("JPEG", size=(200, 200)) + b"\x00" * (2 * 1024 * 1024)
    response = _post(client, big, organisation="Northdale Voices")
    body = response.content.decode()
    assert "The photo must be smaller than 2 MB" in body
    assert 'value="Northdale Voices"' in body
    assert not PanelMember.objects.exists()


def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    # The payload holds a few bytes but says it holds 50 MB: reading past those bytes would fail the test.
    client.handler.enforce_csrf_checks = True  # as in production, where the CSRF check is the first to read
    client.get("/reviews/directory/new/")  # sets the CSRF cookie
    boundary = "BoUnDaRy"
    payload = f'--{boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nKim\r\n--{boundary}--\r\n'
    response = client.generic(
        "POST",
        "/reviews/directory/new/",
        payload.encode(),
        content_type=f"multipart/form-data; boundary={boundary}",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "A photo or file must be smaller than 2 MB" in response.content.decode()
    assert not PanelMember.objects.exists()
