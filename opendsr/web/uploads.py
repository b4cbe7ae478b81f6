"""Uploaded files: the size limits, checked before a body is read, and photos checked and re-made with Pillow.

A request body larger than `OPENDSR_MAX_REQUEST_BYTES` is refused before any of it is read. Within that, a file
larger than `OPENDSR_MAX_UPLOAD_BYTES` is not kept: its form is shown again with the other answers and a message.
A photo is kept only as OpenDSR re-encodes it: a JPEG or PNG that Pillow can decode, no larger than
`PHOTO_MAX_PIXELS`, scaled down to `PHOTO_STORED_SIDE`, with no metadata (no EXIF location, no comments).
"""

from __future__ import annotations

import io
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.text import slugify

PHOTO_FORMATS = {"JPEG": ("jpg", "RGB"), "PNG": ("png", "RGBA")}
PHOTO_MAX_PIXELS = 25_000_000  # 25 megapixels: a 6000 by 4000 phone photo, not a decompression bomb
PHOTO_MAX_SIDE = 10_000
PHOTO_STORED_SIDE = 1200  # enough for a letter or an email; a smaller file to keep and send


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


class TooLargeUpload(UploadedFile):
    """Stands in for a file that passed the upload limit: its bytes were not kept, only how many came."""

    too_large = True

    def __init__(self, name, content_type, size):
        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=size)


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: refuses an oversized body before reading it, and stops passing a file's
    bytes on to the handlers that store them once the file passes the limit."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.OPENDSR_MAX_REQUEST_BYTES:
            raise RequestDataTooBig("The request body is larger than OPENDSR_MAX_REQUEST_BYTES")

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.OPENDSR_MAX_UPLOAD_BYTES:
            return None  # the rest of this file goes nowhere
        return raw_data

    def file_complete(self, file_size):
        if self.received > settings.OPENDSR_MAX_UPLOAD_BYTES:
            return TooLargeUpload(self.file_name, self.content_type, self.received)
        return None


def _refuse(message: str):
    raise forms.ValidationError(message)


def photo_from_upload(upload, *, name: str = "photo", what: str = "The photo") -> ContentFile:
    """The uploaded photo re-made as a clean JPEG or PNG, or a ValidationError saying what is wrong with it."""
    from PIL import Image, ImageOps

    limit = settings.OPENDSR_MAX_UPLOAD_BYTES
    if getattr(upload, "too_large", False) or upload.size > limit:
        _refuse(f"{what} must be smaller than {megabytes(limit)}")
    not_an_image = f"{what} must be a JPEG or PNG"
    upload.seek(0)
    content = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=list(PHOTO_FORMATS)) as probe:
                width, height = probe.size
                if width * height > PHOTO_MAX_PIXELS or max(width, height) > PHOTO_MAX_SIDE:
                    _refuse(f"{what} must be smaller than {PHOTO_MAX_PIXELS // 1_000_000} megapixels")
                probe.verify()
            image = Image.open(io.BytesIO(content), formats=list(PHOTO_FORMATS))
            kind = image.format
            image.load()
    except forms.ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(not_an_image)  # SVG, HTML, a renamed file, a truncated or broken image
    extension, mode = PHOTO_FORMATS[kind]
    image = ImageOps.exif_transpose(image)  # upright as taken, before the EXIF that says so is dropped
    if kind == "JPEG" or image.mode not in ("RGB", "RGBA"):
        image = image.convert(mode if kind == "PNG" else "RGB")
    image.thumbnail((PHOTO_STORED_SIDE, PHOTO_STORED_SIDE))
    image.info = {}  # no EXIF, ICC, XMP or text chunks go into the file written
    out = io.BytesIO()
    if kind == "JPEG":
        image.save(out, format="JPEG", quality=85, optimize=True)
    else:
        image.save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name=f"{slugify(name) or 'photo'}.{extension}")
