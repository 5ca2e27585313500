"""The three image PUTs (a mutirão's cover, a collective's logo, one's avatar) share one view
(`mutiroes.core.views.ImageUploadView`): the same validation, errors and responses for each."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mutiroes.collectives import services as collective_services
from mutiroes.core.tests.refusals import assert_refused

pytestmark = pytest.mark.django_db

TARGETS = ["cover", "logo", "avatar"]


@pytest.fixture
def target(request, organizer, event) -> tuple[str, str]:
    """The endpoint's URL and the field of its answer that holds the image's URL."""
    collective = collective_services.collective_create(
        user=organizer, data={"name": "Coletivo Praia Limpa", "city": "Recife", "state": "PE"}
    )
    return {
        "cover": (f"/api/events/{event.id}/cover/", "cover_image"),
        "logo": (f"/api/collectives/{collective.slug}/logo/", "logo"),
        "avatar": ("/api/users/me/avatar/", "avatar"),
    }[request.param]


def _jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (64, 48), "green").save(out, format="JPEG")
    return out.getvalue()


def _put(client, url: str, content: bytes | None):
    body = {} if content is None else {"image": SimpleUploadedFile("x.jpg", content, content_type="image/jpeg")}
    return client.put(url, body, format="multipart")


@pytest.mark.parametrize("target", TARGETS, indirect=True)
def test_an_image_is_stored_and_removed(client_for, organizer, target):
    url, field = target
    client = client_for(organizer)
    response = _put(client, url, _jpeg())
    assert response.status_code == 200
    assert response.json()[field].startswith("/media/") and response.json()[field].endswith(".jpg")
    deleted = client.delete(url)
    assert deleted.status_code == 200 and deleted.json()[field] is None


@pytest.mark.parametrize("target", TARGETS, indirect=True)
def test_the_same_refusals(api, client_for, organizer, target, settings):
    url, _field = target
    client = client_for(organizer)
    assert_refused(
        _put(api, url, _jpeg()), 401, "not_authenticated", "As credenciais de autenticação não foram fornecidas."
    )
    assert_refused(
        _put(client, url, None),
        400,
        "invalid",
        "Dados inválidos. Confira os campos.",
        image=["Nenhum arquivo foi submetido."],
    )
    assert_refused(
        _put(client, url, b""),
        400,
        "invalid",
        "Dados inválidos. Confira os campos.",
        image=["O arquivo submetido está vázio."],
    )
    assert_refused(_put(client, url, b"GIF89a"), 400, "invalid_image", "Envie uma imagem JPEG, PNG ou WebP.")
    json = client.put(url, {"image": "x"}, format="json")
    assert json.status_code == 415
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []
