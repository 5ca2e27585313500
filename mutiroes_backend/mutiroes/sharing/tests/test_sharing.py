"""Share data, the preview picture and the poster of a mutirão: what a crawler and a printer get."""

import io

import pytest
from django.core.cache import cache
from PIL import Image

from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event
from mutiroes.sharing import selectors
from mutiroes.sharing.cards import card_key

pytestmark = pytest.mark.django_db


def _png(response) -> Image.Image:
    assert response.status_code == 200, response.content[:200]
    assert response["Content-Type"] == "image/png"
    return Image.open(io.BytesIO(response.content))


def test_share_data_of_a_public_mutirao(api, event):
    response = api.get(f"/api/events/{event.id}/share/")
    assert response.status_code == 200
    body = response.json()
    key = card_key(selectors.event_card(event))
    assert body == {
        "path": f"/eventos/{event.id}",
        "title": "Limpeza da praia",
        "description": body["description"],
        "image_path": f"/api/events/{event.id}/og.png?v={key}",
        "image_width": 1200,
        "image_height": 630,
        "image_alt": f"Limpeza da praia: {body['description']}",
        "poster_path": f"/api/events/{event.id}/poster.pdf",
        "indexable": True,
    }
    assert body["description"].endswith("Rio de Janeiro/RJ. 10 vagas restantes.")


def test_links_carry_no_personal_data(api, client_for, user, organizer, event):
    """The same share data whoever asks: nothing in it names or tracks the person who shares."""
    answers = {
        client.get(f"/api/events/{event.id}/share/").content
        for client in (api, client_for(user), client_for(organizer))
    }
    assert len(answers) == 1
    text = answers.pop().decode()
    for secret in (user.email, organizer.email, event.share_token, event.checkin_code, "utm_", "user"):
        assert secret not in text


def test_the_picture_is_a_1200_by_630_png_cached_under_its_key(api, event):
    path = api.get(f"/api/events/{event.id}/share/").json()["image_path"]
    response = api.get(path)
    assert _png(response).size == (1200, 630)
    assert response["Cache-Control"] == "public, max-age=86400"
    assert cache.get(f"sharing:card:{card_key(selectors.event_card(event))}") == response.content
    assert api.get(path).content == response.content
    # An old version's URL still answers (the current picture), kept briefly.
    assert api.get(f"/api/events/{event.id}/og.png?v=old")["Cache-Control"] == "public, max-age=300"
    # An empty version or key is refused like any blank query parameter (and as the schema says).
    blank = api.get(f"/api/events/{event.id}/og.png?v=")
    assert_refused(
        blank, 400, "invalid", "Dados inválidos. Confira os campos.", v=["Este campo não pode ficar em branco."]
    )


def test_the_picture_changes_after_an_edit_and_a_sign_up(client_for, api, organizer, user, event):
    before = api.get(f"/api/events/{event.id}/share/").json()["image_path"]
    before_png = api.get(before).content
    assert (
        client_for(organizer).patch(f"/api/events/{event.id}/", {"title": "Mutirão no Leme"}, format="json").status_code
        == 200
    )
    after = api.get(f"/api/events/{event.id}/share/").json()
    assert after["title"] == "Mutirão no Leme" and after["image_path"] != before
    after_png = api.get(after["image_path"]).content
    assert after_png != before_png and _png(api.get(after["image_path"])).size == (1200, 630)
    assert client_for(user).post(f"/api/events/{event.id}/join/").status_code == 201
    joined = api.get(f"/api/events/{event.id}/share/").json()
    assert joined["image_path"] != after["image_path"] and "9 vagas restantes" in joined["description"]
    assert api.get(joined["image_path"]).content != after_png


def test_an_unlisted_mutirao_shows_nothing_without_its_link(api, make_event):
    event = make_event(title="NAO-LISTADO-8812", visibility=Event.Visibility.UNLISTED)
    assert api.get(f"/api/events/{event.id}/share/").status_code == 404
    assert api.get(f"/api/events/{event.id}/og.png").status_code == 404
    assert api.get(f"/api/events/{event.id}/og.png?k=wrong").status_code == 404
    assert api.get(f"/api/events/{event.id}/poster.pdf").status_code == 404
    shared = api.get(f"/api/events/{event.id}/share/?share={event.share_token}")
    assert shared.status_code == 200
    body = shared.json()
    assert body["indexable"] is False and event.share_token not in shared.content.decode()
    response = api.get(body["image_path"])  # as a crawler: no token, no cookie
    assert _png(response).size == (1200, 630) and response["X-Robots-Tag"] == "noindex"
    # The key opens this mutirão's picture only.
    other = make_event(title="OUTRO-NAO-LISTADO", visibility=Event.Visibility.UNLISTED)
    key = body["image_path"].partition("&k=")[2]
    assert api.get(f"/api/events/{other.id}/og.png?k={key}").status_code == 404


def test_a_draft_has_no_picture_for_others(api, client_for, organizer, make_event):
    draft = make_event(status=Event.Status.DRAFT)
    assert api.get(f"/api/events/{draft.id}/og.png").status_code == 404
    assert client_for(organizer).get(f"/api/events/{draft.id}/share/").json()["poster_path"] is None
    assert _png(client_for(organizer).get(f"/api/events/{draft.id}/og.png")).size == (1200, 630)


def test_the_poster_is_an_a4_pdf_with_the_title_place_and_link(api, settings, event):
    settings.FRONTEND_URL = "https://mutiroes.example.org"
    response = api.get(f"/api/events/{event.id}/poster.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF") and b"/MediaBox [ 0 0 595.2756 841.8898 ]" in pdf
    assert b"Limpeza da praia" in pdf and b"Rio de Janeiro/RJ" in pdf
    assert f"https://mutiroes.example.org/eventos/{event.id}".encode() in pdf


def test_an_unlisted_posters_code_carries_its_link_for_those_who_manage_it(
    api, client_for, organizer, user, make_event
):
    event = make_event(visibility=Event.Visibility.UNLISTED)
    assert api.get(f"/api/events/{event.id}/poster.pdf?share={event.share_token}").status_code == 404
    pdf = client_for(organizer).get(f"/api/events/{event.id}/poster.pdf").content
    assert f"/eventos/{event.id}?convite={event.share_token}".encode() in pdf


def test_a_malformed_picture_query_is_a_400(api, event):
    response = api.get(f"/api/events/{event.id}/og.png?v={'0' * 65}")
    assert response.status_code == 400 and response.json()["code"] == "invalid" and "v" in response.json()["errors"]
