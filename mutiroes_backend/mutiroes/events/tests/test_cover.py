from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "green")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif.get_ifd(0x8825)[2] = (22.0, 58.0, 0.0)  # GPS latitude
    out = BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(client, event, content: bytes, name: str = "capa.jpg"):
    return client.put(
        f"/api/events/{event.id}/cover/",
        {"image": SimpleUploadedFile(name, content, content_type="image/jpeg")},
        format="multipart",
    )


def test_organizer_sets_a_clean_cover(client_for, organizer, event, settings):
    response = upload(client_for(organizer), event, jpeg_with_gps(), name="../../etc/passwd.jpg")
    assert response.status_code == 200
    event.refresh_from_db()
    assert response.json()["cover_image"].endswith(event.cover_image.name)
    assert "passwd" not in event.cover_image.name and event.cover_image.name.endswith(".jpg")
    with Image.open(event.cover_image.path) as stored:
        assert stored.size == (64, 48)
        assert not stored.getexif()
    first = event.cover_image.path
    assert upload(client_for(organizer), event, jpeg_with_gps()).status_code == 200
    event.refresh_from_db()
    assert event.cover_image.path != first
    delete = client_for(organizer).delete(f"/api/events/{event.id}/cover/")
    assert delete.status_code == 200
    assert delete.json()["cover_image"] is None
    assert Event.objects.get(pk=event.pk).cover_image.name == ""


def test_others_cannot_set_the_cover(api, client_for, user, event):
    assert_refused(
        upload(api, event, jpeg_with_gps()),
        401,
        "not_authenticated",
        "As credenciais de autenticação não foram fornecidas.",
    )
    assert_refused(
        upload(client_for(user), event, jpeg_with_gps()),
        403,
        "permission_denied",
        "Só a organização pode gerenciar este mutirão.",
    )
    assert Event.objects.get(pk=event.pk).cover_image.name == ""


@pytest.mark.parametrize(
    "content",
    [b"#!/bin/sh\nrm -rf /\n", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', b""],
)
def test_a_fake_image_is_refused(client_for, organizer, event, content):
    response = upload(client_for(organizer), event, content)
    assert response.status_code == 400
    assert "image" in response.json()["errors"]
    assert Event.objects.get(pk=event.pk).cover_image.name == ""


def test_avatar(client_for, user):
    client = client_for(user)
    response = client.put(
        "/api/users/me/avatar/",
        {"image": SimpleUploadedFile("eu.jpg", jpeg_with_gps(), content_type="image/jpeg")},
        format="multipart",
    )
    assert response.status_code == 200
    assert response.json()["avatar"]
    bad = client.put(
        "/api/users/me/avatar/",
        {"image": SimpleUploadedFile("eu.jpg", b"GIF89a", content_type="image/gif")},
        format="multipart",
    )
    assert_refused(bad, 400, "invalid_image", "Envie uma imagem JPEG, PNG ou WebP.")
    assert client.delete("/api/users/me/avatar/").json()["avatar"] is None
