"""Mass assignment and hostile uploads on the community and impact endpoints.

Owners, authors, counters, derived figures, moderation flags and ids sent in a body are either
refused (400) or ignored; never applied. (Events and users: events/tests/test_events_api.py,
users/tests/test_profile.py.) Uploads: polyglots, SVG with script, HTML with an image's magic
bytes, oversized files, decompression bombs and path tricks never become a stored file that is
anything but a re-encoded image under a random name (community/tests/test_photos.py has the
basics).
"""

import io
import zipfile
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from mutiroes.community.models import Comment, Photo, Pledge, Resource
from mutiroes.core.tests.refusals import assert_refused
from mutiroes.events.models import Event, Participation
from mutiroes.impact.models import ImpactReport


@pytest.fixture
def participant(make_user, event):
    person = make_user()
    Participation.objects.create(event=event, user=person, status=Participation.Status.CONFIRMED)
    return person


def test_resource_ignores_event_id_and_counters(client_for, organizer, event, make_event, make_user):
    elsewhere = make_event(organizer=make_user())
    body = {
        "name": "Luvas",
        "quantity_needed": 10,
        "id": 999_999,
        "event": elsewhere.id,
        "event_id": elsewhere.id,
        "quantity_pledged": 10,
        "missing": 0,
        "created_at": "2000-01-01T00:00:00Z",
    }
    response = client_for(organizer).post(f"/api/events/{event.id}/resources/", body, format="json")
    assert response.status_code == 201, response.content  # ignored, never applied
    resource = Resource.objects.get()
    assert resource.event_id == event.id and resource.id != 999_999
    assert resource.created_at.year > 2000
    assert response.json()["id"] == resource.id
    assert not Pledge.objects.exists()
    assert not Resource.objects.filter(event=elsewhere).exists()


def test_pledge_is_always_the_callers(client_for, organizer, participant, event, make_user):
    victim = make_user()
    resource = Resource.objects.create(event=event, name="Sacos", quantity_needed=20)
    url = f"/api/events/{event.id}/resources/{resource.id}/pledge/"
    response = client_for(participant).post(
        url, {"quantity": 3, "user": victim.id, "user_id": victim.id, "resource": 0}, format="json"
    )
    assert response.status_code == 200, response.content  # ignored, never applied
    assert list(Pledge.objects.values_list("user_id", "quantity")) == [(participant.id, 3)]
    assert not Pledge.objects.filter(user=victim).exists()


def test_comment_author_flags_and_event_come_from_the_request(client_for, user, event, make_event, staff):
    other_event = make_event()
    body = {
        "body": "Oi!",
        "author": staff.id,
        "author_id": staff.id,
        "event": other_event.id,
        "is_hidden": True,
        "hidden_by": staff.id,
        "id": 4242,
        "created_at": "2000-01-01T00:00:00Z",
    }
    response = client_for(user).post(f"/api/events/{event.id}/comments/", body, format="json")
    assert response.status_code == 201, response.content  # ignored, never applied
    comment = Comment.objects.get()
    assert (comment.author_id, comment.event_id, comment.is_hidden, comment.hidden_by_id) == (
        user.id,
        event.id,
        False,
        None,
    )
    assert comment.id != 4242 and comment.created_at.year > 2000
    url = f"/api/events/{event.id}/comments/{comment.id}/"
    patch = client_for(user).patch(url, {"body": "Editado", "is_hidden": True, "author": staff.id}, format="json")
    assert patch.status_code == 200
    comment.refresh_from_db()
    assert (comment.author_id, comment.is_hidden) == (user.id, False)
    assert not Comment.objects.filter(event=other_event).exists()


def _jpeg(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "red").save(out, "JPEG")
    return out.getvalue()


def test_photo_owner_and_flags_are_not_assignable(client_for, participant, event, staff):
    data = {
        "image": SimpleUploadedFile("a.jpg", _jpeg(), content_type="image/jpeg"),
        "stage": "during",
        "uploaded_by": staff.id,
        "is_hidden": "true",
        "width": "99999",
        "content_type": "text/html",
        "event": "1",
    }
    response = client_for(participant).post(f"/api/events/{event.id}/photos/", data, format="multipart")
    assert response.status_code == 201, response.content  # ignored, never applied
    photo = Photo.objects.get()
    assert (photo.uploaded_by_id, photo.is_hidden, photo.width, photo.content_type, photo.event_id) == (
        participant.id,
        False,
        40,
        "image/jpeg",
        event.id,
    )


def test_report_derived_figures_and_owner_are_not_assignable(client_for, organizer, make_event, make_user):
    start = timezone.now() - timedelta(days=1)
    past = make_event(start=start, end=start + timedelta(hours=3), status=Event.Status.COMPLETED)
    body = {
        "materials_kg": {"plastic": "10.00", "glass": "5.00"},
        "bags": 4,
        "total_kg": "9999.00",
        "derived": {"total_kg": "9999.00", "co2e_avoided_kg": "9999.00", "volunteers": 500},
        "event": make_event().id,
        "event_id": 1,
        "filed_by": make_user().id,
        "published_at": "2000-01-01T00:00:00Z",
        "is_public": False,
        "factor_set": 999,
    }
    response = client_for(organizer).put(f"/api/events/{past.id}/report/", body, format="json")
    assert response.status_code == 200, response.content  # ignored, never applied
    report = ImpactReport.objects.get()
    assert report.event_id == past.id and report.filed_by_id == organizer.id
    assert report.total_kg == Decimal("15.00")
    assert report.published_at.year > 2000
    derived = response.json()["derived"]
    assert Decimal(derived["total_kg"]) == Decimal("15.00") and derived["volunteers"] == 0
    assert ImpactReport.objects.filter(event_id=past.id).count() == 1


# ---------------------------------------------------------------- hostile uploads
def _post_photo(client, event, content: bytes, name: str, content_type: str = "image/jpeg"):
    data = {"image": SimpleUploadedFile(name, content, content_type=content_type), "stage": "before"}
    return client.post(f"/api/events/{event.id}/photos/", data, format="multipart")


def _zip_payload() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("shell.php", "<?php system($_GET['c']); ?>")
    return out.getvalue()


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    ("label", "payload"),
    [
        ("jpeg+html", HTML),
        ("jpeg+zip", _zip_payload()),
        ("jpeg+php", b"<?php system($_GET['c']); ?>"),
    ],
)
def test_polyglot_keeps_only_reencoded_pixels(client_for, participant, event, settings, label, payload):
    """A valid image with something appended: stored only as freshly encoded pixels, the payload
    is gone (the stored bytes are not the upload's), under a random .jpg name."""
    response = _post_photo(client_for(participant), event, _jpeg() + payload, name=f"{label}.php.html")
    assert response.status_code == 201, response.content  # accepted as pixels only
    photo = Photo.objects.get()
    stored = photo.image.read()
    photo.image.close()
    assert payload not in stored and b"<script" not in stored and b"<?php" not in stored
    assert photo.image.name.endswith(".jpg") and "php" not in photo.image.name and "html" not in photo.image.name
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        (
            "x.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        (
            "x.jpg",
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/jpeg",
        ),
        ("x.png", b"\x89PNG\r\n\x1a\n" + HTML, "image/png"),  # PNG magic, HTML body
        ("x.gif", b"GIF89a/*" + b"\x00" * 10 + b"*/=alert(1);", "image/gif"),  # GIF/JS polyglot
        ("x.jpg", b"%PDF-1.4\n%\xff\xd8\xff\n1 0 obj<<>>endobj\n", "image/jpeg"),
        ("x.jpg", _zip_payload(), "image/jpeg"),
        ("x.jpg", b"", "image/jpeg"),
    ],
    ids=["svg-script", "svg-as-jpeg", "png-magic-html", "gif-js", "pdf", "zip", "empty"],
)
def test_non_images_are_refused(client_for, participant, event, settings, name, content, content_type):
    response = _post_photo(client_for(participant), event, content, name=name, content_type=content_type)
    assert response.status_code == 400, response.content
    assert not Photo.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/cron.d/x.jpg",
        "..\\..\\windows\\x.jpg",
        "/etc/passwd",
        "x.jpg\x00.php",
        "%2e%2e%2fx.jpg",
        "a" * 300 + ".jpg",
        "café ☕.jpg",
        ".htaccess",
    ],
)
def test_path_tricks_in_names_never_reach_the_disk(client_for, participant, event, settings, name):
    response = _post_photo(client_for(participant), event, _jpeg(), name=name)
    assert response.status_code == 201, response.content  # stored under a random name
    stored = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    for path in stored:
        assert path.resolve().is_relative_to(settings.MEDIA_ROOT.resolve())
        assert path.parent.name == str(event.id) and path.suffix == ".jpg"
        assert "etc" not in path.name and "passwd" not in path.name and "htaccess" not in path.name


def test_decompression_bomb_that_really_decompresses_is_refused(client_for, participant, event):
    """A real 8000x8000 PNG of one colour: ~200 KB on the wire, 192 MB of pixels once decoded."""
    out = io.BytesIO()
    Image.new("L", (8000, 8000), 0).save(out, "PNG", optimize=True)
    assert len(out.getvalue()) < 1_000_000
    response = _post_photo(client_for(participant), event, out.getvalue(), name="bomb.png", content_type="image/png")
    assert (response.status_code, response.json()["code"]) == (400, "too_many_pixels")
    assert not Photo.objects.exists()


def test_oversized_upload_is_413_whatever_it_claims(client_for, participant, event):
    big = _jpeg() + b"\0" * (10 * 1024 * 1024 + 1)
    response = _post_photo(client_for(participant), event, big, name="small.jpg")
    assert_refused(response, 413, "too_large", "A imagem tem mais de 10 MB.")
    assert not Photo.objects.exists()


def _solid_png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "green").save(out, "PNG", optimize=True)
    return out.getvalue()


@pytest.mark.parametrize("target", ["avatar", "cover"])
def test_a_40_megapixel_avatar_or_cover_is_refused(client_for, organizer, event, settings, target):
    """A ~50 kB solid-colour 6,300 x 6,300 PNG decodes to ~160 MB (and was copied again by
    transpose/convert); a few in parallel exceeded a replica's memory."""
    bomb = _solid_png(6300, 6300)
    assert len(bomb) < 500_000
    url = "/api/users/me/avatar/" if target == "avatar" else f"/api/events/{event.id}/cover/"
    upload = SimpleUploadedFile("x.png", bomb, content_type="image/png")
    response = client_for(organizer).put(url, {"image": upload}, format="multipart")
    assert (response.status_code, response.json()["code"]) == (400, "too_many_pixels")
    assert response.json()["detail"] == "A imagem tem pixels demais (no máximo 12 megapixels)."
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []


def test_large_photos_are_stored_shrunk(client_for, participant, event):
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), "blue").save(out, "JPEG", quality=50)
    response = _post_photo(client_for(participant), event, out.getvalue(), name="grande.jpg")
    assert response.status_code == 201, response.content
    with Image.open(Photo.objects.get().image.path) as stored:
        assert stored.size == (2560, 1920)


def test_image_work_is_bounded_per_process(client_for, participant, event, monkeypatch):
    """A flood of uploads waits for one of a few decoding slots (bounded) and then gets a 503,
    instead of decoding every image at once."""
    from mutiroes.core import images

    monkeypatch.setattr(images, "IMAGE_SLOT_WAIT_SECONDS", 0.05)
    taken = [images._image_slots.acquire(blocking=False) for _ in range(images.IMAGE_WORK_SLOTS)]
    try:
        assert all(taken)
        response = _post_photo(client_for(participant), event, _jpeg(), name="a.jpg")
    finally:
        for _ in taken:
            images._image_slots.release()
    assert response.status_code == 503
    assert response.json() == {
        "detail": "Muitas imagens estão sendo processadas agora. Tente de novo em instantes.",
        "code": "busy",
    }
    assert not Photo.objects.exists()
    assert _post_photo(client_for(participant), event, _jpeg(), name="a.jpg").status_code == 201
