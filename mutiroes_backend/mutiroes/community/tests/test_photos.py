import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mutiroes.community.models import Photo
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event


def _image(fmt: str = "JPEG", size=(64, 48), *, exif: bool = False, mode: str = "RGB") -> bytes:
    image = Image.new(mode, size, "green")
    out = io.BytesIO()
    extra = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyCam"  # camera make
        data[0x8825] = {1: "S", 2: (23.0, 33.0, 1.0), 3: "W", 4: (46.0, 38.0, 1.0)}  # GPS
        extra["exif"] = data.tobytes()
    image.save(out, fmt, **extra)
    return out.getvalue()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims huge dimensions (a decompression bomb needs no real pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def _upload(content: bytes, name: str = "foto.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _post(client, event, content: bytes, **kwargs):
    data = {"image": _upload(content, **kwargs), "stage": "before", "caption": "Antes"}
    return client.post(f"/api/events/{event.id}/photos/", data, format="multipart")


def _stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def participant(user, event, join):
    join(event, user)
    return user


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_participant_uploads_and_metadata_is_stripped(
    client_for, participant, event, settings, fmt, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_for(participant), event, _image(fmt, exif=True), name="../../etc/casa da vovó.jpg")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["stage"], body["caption"], body["width"], body["height"]) == ("before", "Antes", 64, 48)
    photo = Photo.objects.get()
    assert photo.content_type == f"image/{fmt.lower()}"
    assert photo.image.name.startswith(f"photos/{event.id}/")
    assert "vov" not in photo.image.name and "etc" not in photo.image.name
    stored = photo.image.read()
    photo.image.close()
    assert b"SpyCam" not in stored
    with Image.open(io.BytesIO(stored)) as saved:
        assert saved.format == fmt
        assert not dict(saved.getexif())
    # the thumbnail task ran after commit
    photo.refresh_from_db()
    assert photo.thumbnail.name.startswith(f"photos/{event.id}/thumbs/")
    assert len(_stored_files(settings)) == 2


def test_organizer_uploads_too(client_for, organizer, event):
    assert _post(client_for(organizer), event, _image()).status_code == 201


def test_spoofed_image_is_refused(client_for, participant, event, settings):
    script = b"#!/bin/sh\nrm -rf / --no-preserve-root\n"
    response = _post(client_for(participant), event, script, name="foto.jpg")
    assert (response.status_code, response.json()["code"]) == (400, "invalid_image")
    assert response.json()["detail"] == "Envie uma imagem JPEG, PNG ou WebP."
    assert "image" in response.json()["errors"]
    php = _post(client_for(participant), event, b"\xff\xd8\xff<?php system($_GET['c']); ?>", name="x.jpg")
    assert_refused(php, 400, "invalid_image", "Envie uma imagem JPEG, PNG ou WebP.")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert_refused(
        _post(client_for(participant), event, svg, name="x.png", content_type="image/png"),
        400,
        "invalid_image",
        "Envie uma imagem JPEG, PNG ou WebP.",
    )
    assert not Photo.objects.exists() and _stored_files(settings) == []


def test_other_image_types_are_refused(client_for, participant, event, settings):
    response = _post(client_for(participant), event, _image("GIF"), name="x.gif", content_type="image/gif")
    assert_refused(response, 400, "invalid_image", "Envie uma imagem JPEG, PNG ou WebP.")
    response = _post(client_for(participant), event, _image("BMP"), name="x.jpg")
    assert_refused(response, 400, "invalid_image", "Envie uma imagem JPEG, PNG ou WebP.")
    assert not Photo.objects.exists() and _stored_files(settings) == []


def test_truncated_image_is_refused(client_for, participant, event):
    assert_refused(
        _post(client_for(participant), event, _image()[:200]),
        400,
        "invalid_image",
        "Envie uma imagem JPEG, PNG ou WebP.",
    )
    assert not Photo.objects.exists()


def test_larger_than_10_mb_is_413(client_for, participant, event, settings):
    big = _image() + b"\0" * (10 * 1024 * 1024)
    response = _post(client_for(participant), event, big)
    assert (response.status_code, response.json()["code"]) == (413, "too_large")
    assert not Photo.objects.exists() and _stored_files(settings) == []


@pytest.mark.parametrize("size", [(8000, 8000), (10000, 10000), (30000, 30000)])
def test_decompression_bombs_are_refused(client_for, participant, event, settings, size):
    # above our cap; above Pillow's warning threshold; above Pillow's error threshold
    response = _post(client_for(participant), event, _png_header(*size), name="x.png", content_type="image/png")
    assert (response.status_code, response.json()["code"]) == (400, "too_many_pixels")
    assert not Photo.objects.exists() and _stored_files(settings) == []


def test_who_may_upload(client_for, make_user, event, join):
    waitlisted = make_user()
    join(event, waitlisted, "waitlisted")
    for who, code in ((make_user(), 403), (waitlisted, 403), (None, 401)):
        assert _post(client_for(who), event, _image()).status_code == code
    assert not Photo.objects.exists()


@pytest.mark.parametrize("data", [{"stage": "depois"}, {"stage": ""}, {"caption": "x" * 301}, {"image": ""}])
def test_bad_fields(client_for, participant, event, data):
    body = {"image": _upload(_image()), "stage": "after", **data}
    response = client_for(participant).post(f"/api/events/{event.id}/photos/", body, format="multipart")
    assert_refused(response, 400, "invalid", "Dados inválidos. Confira os campos.")
    assert not Photo.objects.exists()


def test_no_photos_on_a_cancelled_event(client_for, organizer, make_event):
    cancelled = make_event(status=Event.Status.CANCELLED)
    assert_refused(
        _post(client_for(organizer), cancelled, _image()),
        409,
        "event_closed",
        "Este mutirão não está aberto para isso.",
    )


def _photo(client, event) -> int:
    return _post(client, event, _image()).json()["id"]


def test_delete_by_uploader_or_organizer(client_for, organizer, participant, make_user, event, settings):
    pid = _photo(client_for(participant), event)
    url = f"/api/events/{event.id}/photos/{pid}/"
    assert_refused(
        client_for(make_user()).delete(url),
        403,
        "permission_denied",
        "Só quem publicou ou a organização pode apagar a foto.",
    )
    assert client_for(participant).delete(url).status_code == 204
    assert not Photo.objects.exists()
    pid = _photo(client_for(participant), event)
    assert client_for(organizer).delete(f"/api/events/{event.id}/photos/{pid}/").status_code == 204
    assert_refused(
        client_for(organizer).delete(f"/api/events/{event.id}/photos/{pid}/"), 404, "not_found", "Foto não encontrada."
    )


def test_deleted_photo_files_are_removed(client_for, participant, event, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pid = _photo(client_for(participant), event)
    assert len(_stored_files(settings)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        client_for(participant).delete(f"/api/events/{event.id}/photos/{pid}/")
    assert _stored_files(settings) == []


def test_staff_hides_a_photo(api, client_for, staff, participant, event):
    pid = _photo(client_for(participant), event)
    url = f"/api/events/{event.id}/photos/{pid}/hide/"
    assert_refused(
        client_for(participant).post(url, {"hidden": True}, format="json"),
        403,
        "permission_denied",
        "Só a moderação pode fazer isso.",
    )
    assert client_for(staff).post(url, {"hidden": True}, format="json").status_code == 200
    assert api.get(f"/api/events/{event.id}/photos/").json()["count"] == 0
    assert client_for(staff).get(f"/api/events/{event.id}/photos/").json()["count"] == 1


def test_photo_list_filters_and_constant_queries(api, client_for, participant, event, django_assert_num_queries):
    client = client_for(participant)
    for stage in ("before", "after"):
        data = {"image": _upload(_image()), "stage": stage}
        client.post(f"/api/events/{event.id}/photos/", data, format="multipart")
    with django_assert_num_queries(3):
        assert api.get(f"/api/events/{event.id}/photos/").json()["count"] == 2
    for _ in range(6):
        _photo(client, event)
    with django_assert_num_queries(3):  # same as for two
        response = api.get(f"/api/events/{event.id}/photos/?page_size=100")
    assert response.json()["count"] == 8
    first = response.json()["results"][0]
    assert first["image"].startswith("/media/photos/") and first["thumbnail"] is None
    assert api.get(f"/api/events/{event.id}/photos/?stage=after").json()["count"] == 1
    assert_refused(
        api.get(f"/api/events/{event.id}/photos/?stage=x"), 400, "invalid", "Dados inválidos. Confira os campos."
    )
