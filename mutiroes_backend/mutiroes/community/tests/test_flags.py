"""The event states whether comments are taken, who may post a photo and who may pledge
(`comments_open`, `can_post_photo`, `can_pledge`), for each viewer and phase, and the endpoints
accept exactly what it states."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from mutiroes.community.models import Comment, Photo, Pledge, Resource
from mutiroes.events.models import Event, Participation

pytestmark = pytest.mark.django_db
FLAGS = ("comments_open", "can_post_photo", "can_pledge")
PHASES = {  # phase: (status, start relative to now)
    "draft": (Event.Status.DRAFT, timedelta(days=2)),
    "upcoming": (Event.Status.PUBLISHED, timedelta(days=2)),
    "running": (Event.Status.PUBLISHED, timedelta(minutes=-30)),
    "ended": (Event.Status.PUBLISHED, timedelta(days=-1)),
    "completed": (Event.Status.COMPLETED, timedelta(days=-1)),
    "cancelled": (Event.Status.CANCELLED, timedelta(days=2)),
}
ROLES = ("stranger", "confirmed", "waitlisted", "organizer")
HAPPENING = {"upcoming", "running", "ended", "completed"}
# What each (signed-in) viewer may do, written out: comment (happening), photo (those who manage
# and confirmed participants, happening), pledge (confirmed participants, published, before the end).
EXPECTED = {
    (phase, role): (
        phase in HAPPENING,
        phase in HAPPENING and role in ("confirmed", "organizer"),
        phase in ("upcoming", "running") and role == "confirmed",
    )
    for phase in PHASES
    for role in ROLES
}


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), "green").save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("phase", PHASES)
def test_the_flags_are_what_the_endpoints_accept(client_for, organizer, make_user, make_event, phase, role):
    status, starts_in = PHASES[phase]
    start = timezone.now() + starts_in
    event = make_event(status=status, start=start, end=start + timedelta(hours=3), registration_deadline=start)
    resource = Resource.objects.create(event=event, name="Luvas", quantity_needed=5)
    viewer = organizer if role == "organizer" else make_user()
    if role in ("confirmed", "waitlisted"):
        Participation.objects.create(event=event, user=viewer, status=role)
    client = client_for(viewer)
    detail = client.get(f"/api/events/{event.id}/")
    if phase == "draft" and role != "organizer":
        assert detail.status_code == 404  # a draft is only for those who manage it
        return
    body = detail.json()
    assert tuple(body[flag] for flag in FLAGS) == EXPECTED[phase, role]

    url = f"/api/events/{event.id}"
    comment = client.post(f"{url}/comments/", {"body": "Conte comigo!"}, format="json")
    photo = client.post(
        f"{url}/photos/",
        {"image": SimpleUploadedFile("a.jpg", _jpeg(), content_type="image/jpeg"), "stage": "before"},
        format="multipart",
    )
    pledge = client.post(f"{url}/resources/{resource.id}/pledge/", {"quantity": 1}, format="json")
    accepted = (comment.status_code == 201, photo.status_code == 201, pledge.status_code == 200)
    assert accepted == EXPECTED[phase, role], (comment.json(), photo.json(), pledge.json())
    # What was refused left no trace.
    assert (Comment.objects.exists(), Photo.objects.exists(), Pledge.objects.exists()) == accepted


def test_no_flag_for_the_anonymous(api, make_event):
    event = make_event(start=timezone.now() - timedelta(minutes=30))
    body = api.get(f"/api/events/{event.id}/").json()
    assert tuple(body[flag] for flag in FLAGS) == (True, False, False)  # signing in lets them comment
    response = api.post(f"/api/events/{event.id}/comments/", {"body": "Oi"}, format="json")
    assert response.status_code == 401
    assert not Comment.objects.exists()
