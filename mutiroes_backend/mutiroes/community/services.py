"""Community rules: resources and pledges, comments, photos."""

from typing import IO, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from mutiroes.community import selectors
from mutiroes.community.models import COMMENT_MAX_LENGTH, Comment, Photo, Pledge, Resource
from mutiroes.core.exceptions import ApplicationError, Conflict, Forbidden, NotFound
from mutiroes.core.images import image_clean, thumbnail_make
from mutiroes.core.model_update import model_update
from mutiroes.core.queue import enqueue_on_commit
from mutiroes.core.storage import files_delete
from mutiroes.events import rules
from mutiroes.events.models import Event
from mutiroes.events.selectors import event_get_visible, participation_get_own
from mutiroes.events.services import event_lock_for_manager
from mutiroes.notifications import services as notifications
from mutiroes.users.models import User

RESOURCE_FIELDS = ("name", "kind", "quantity_needed", "unit")


def _is_confirmed_participant(event: Event, user: User) -> bool:
    return rules.is_confirmed(participation_get_own(event=event, user=user))


def _ensure_happening(event: Event) -> None:
    if not rules.is_happening(event):
        raise Conflict(_("This mutirão is not open for that."), code="event_closed")


# ---------------------------------------------------------------- resources
def _ensure_resources_editable(event: Event) -> None:
    if not rules.is_editable(event):
        raise Conflict(_("A cancelled or completed mutirão's resources can't change."), code="event_closed")


def _resource_of(event: Event, resource_id: int, *, lock: bool = False) -> Resource:
    queryset = Resource.objects.select_for_update() if lock else Resource.objects
    resource = queryset.filter(pk=resource_id, event=event).first()
    if resource is None:
        raise NotFound(_("Resource not found."))
    return resource


@transaction.atomic
def resource_create(*, event_id: int, user: User, data: dict[str, Any]) -> Resource:
    event = event_lock_for_manager(event_id=event_id, user=user)
    _ensure_resources_editable(event)
    resource = Resource(event=event)
    model_update(instance=resource, fields=RESOURCE_FIELDS, data=data)
    resource.save()
    return resource


@transaction.atomic
def resource_update(*, event_id: int, resource_id: int, user: User, data: dict[str, Any]) -> Resource:
    event = event_lock_for_manager(event_id=event_id, user=user)
    _ensure_resources_editable(event)
    resource = _resource_of(event, resource_id, lock=True)
    changed = model_update(instance=resource, fields=RESOURCE_FIELDS, data=data)
    if changed:
        resource.save(update_fields=[*changed, "updated_at"])
    return resource


@transaction.atomic
def resource_delete(*, event_id: int, resource_id: int, user: User) -> None:
    event = event_lock_for_manager(event_id=event_id, user=user)
    _ensure_resources_editable(event)
    _resource_of(event, resource_id, lock=True).delete()


@transaction.atomic
def pledge_set(*, event_id: int, resource_id: int, user: User, quantity: int) -> Resource:
    """Promise to bring `quantity` of a resource (0 withdraws). Never more than what is missing."""
    event = event_get_visible(event_id=event_id, user=user)
    if not _is_confirmed_participant(event, user):
        raise Forbidden(_("Only confirmed participants can pledge to bring something."), code="not_participant")
    if not rules.pledges_open(event, now=timezone.now()):
        raise Conflict(_("Pledges are closed for this mutirão."), code="event_closed")
    # The resource's row lock serialises pledges, so the total never passes what is needed.
    resource = _resource_of(event, resource_id, lock=True)
    others = Pledge.objects.filter(resource=resource).exclude(user=user).aggregate(total=Sum("quantity"))["total"] or 0
    available = max(resource.quantity_needed - others, 0)
    if quantity > available:
        message = _("Only %(missing)d still missing.") % {"missing": available}
        raise Conflict(message, code="too_many", errors={"quantity": [message]})
    if quantity == 0:
        Pledge.objects.filter(resource=resource, user=user).delete()
    else:
        Pledge.objects.update_or_create(resource=resource, user=user, defaults={"quantity": quantity})
    return resource


# ---------------------------------------------------------------- comments
def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ApplicationError(_("Write something."), errors={"body": [_("Write something.")]})
    if len(body) > COMMENT_MAX_LENGTH:
        message = _("At most %(max)d characters.") % {"max": COMMENT_MAX_LENGTH}
        raise ApplicationError(message, errors={"body": [message]})
    return body


def _comment_of(event: Event, comment_id: int, *, lock: bool = False) -> Comment:
    queryset = Comment.objects.select_for_update() if lock else Comment.objects
    comment = queryset.filter(pk=comment_id, event=event).first()
    if comment is None:
        raise NotFound(_("Comment not found."))
    return comment


@transaction.atomic
def comment_create(*, event_id: int, user: User, body: str, parent_id: int | None = None) -> Comment:
    event = event_get_visible(event_id=event_id, user=user)
    _ensure_happening(event)
    body = _clean_body(body)
    parent = None
    if parent_id is not None:
        # Locked so that it can't vanish between the check and the insert.
        parent = Comment.objects.select_for_update().filter(pk=parent_id).first()
        if parent is None or parent.event_id != event.id:
            message = _("Reply to a comment of this same mutirão.")
            raise ApplicationError(message, code="invalid_parent", errors={"parent": [message]})
        if parent.parent_id is not None:
            message = _("Replies go one level deep: reply to the original comment.")
            raise ApplicationError(message, code="invalid_parent", errors={"parent": [message]})
        if parent.is_hidden:
            message = _("This comment was hidden by moderation.")
            raise ApplicationError(message, code="invalid_parent", errors={"parent": [message]})
    comment = Comment.objects.create(event=event, author=user, parent=parent, body=body)
    notifications.comment_notify(comment=comment, recipient_ids=selectors.comment_thread_people(comment=comment))
    return comment


@transaction.atomic
def comment_update(*, event_id: int, comment_id: int, user: User, body: str) -> Comment:
    event = event_get_visible(event_id=event_id, user=user)
    comment = _comment_of(event, comment_id, lock=True)
    if comment.author_id != user.id:
        raise Forbidden(_("Only the author can edit a comment."))
    if comment.is_hidden:
        raise Conflict(_("This comment was hidden by moderation."), code="hidden")
    comment.body = _clean_body(body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    return comment


@transaction.atomic
def comment_delete(*, event_id: int, comment_id: int, user: User) -> None:
    """By the author, the mutirão's organizers or staff. Replies go with it."""
    event = event_get_visible(event_id=event_id, user=user)
    comment = _comment_of(event, comment_id, lock=True)
    if comment.author_id != user.id and not rules.can_manage(event=event, user=user):
        raise Forbidden(_("Only the author or the organizer can delete a comment."))
    comment.delete()


def _ensure_staff(user: User) -> None:
    if not getattr(user, "is_staff", False):
        raise Forbidden(_("Only moderators can do this."))


@transaction.atomic
def comment_moderate(*, event_id: int, comment_id: int, user: User, hidden: bool) -> Comment:
    _ensure_staff(user)
    comment = Comment.objects.select_for_update().filter(pk=comment_id, event_id=event_id).first()
    if comment is None:
        raise NotFound(_("Comment not found."))
    comment.is_hidden = hidden
    comment.hidden_at = timezone.now() if hidden else None
    comment.hidden_by = user if hidden else None
    comment.save(update_fields=["is_hidden", "hidden_at", "hidden_by"])
    return comment


# ---------------------------------------------------------------- photos
@transaction.atomic
def photo_create(*, event_id: int, user: User, upload: IO[bytes], size: int, stage: str, caption: str = "") -> Photo:
    """Upload by the organizers and confirmed participants; the image is checked and re-encoded."""
    event = event_get_visible(event_id=event_id, user=user)
    if not (rules.can_manage(event=event, user=user) or _is_confirmed_participant(event, user)):
        raise Forbidden(_("Only participants and the organizer can post photos."), code="not_participant")
    _ensure_happening(event)
    clean = image_clean(upload, size=size)
    photo = Photo(
        event=event,
        uploaded_by=user,
        caption=caption.strip(),
        stage=stage,
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        size_bytes=len(clean.content),
    )
    # The name only carries the extension: upload_to picks a random one.
    photo.image.save(f"photo.{clean.extension}", ContentFile(clean.content), save=False)
    try:
        photo.save()
    except Exception:
        files_delete([name for name in [photo.image.name] if name])  # no row, no file
        raise
    enqueue_on_commit("mutiroes.community.tasks.photo_thumbnail_make", photo_id=photo.id)
    return photo


@transaction.atomic
def photo_delete(*, event_id: int, photo_id: int, user: User) -> None:
    event = event_get_visible(event_id=event_id, user=user)
    photo = Photo.objects.select_for_update().filter(pk=photo_id, event=event).first()
    if photo is None:
        raise NotFound(_("Photo not found."))
    if photo.uploaded_by_id != user.id and not rules.can_manage(event=event, user=user):
        raise Forbidden(_("Only who posted it or the organizer can delete a photo."))
    names = [name for name in (photo.image.name, photo.thumbnail.name) if name]
    photo.delete()
    transaction.on_commit(lambda: files_delete(names), robust=True)


@transaction.atomic
def photo_moderate(*, event_id: int, photo_id: int, user: User, hidden: bool) -> Photo:
    _ensure_staff(user)
    photo = Photo.objects.select_for_update().filter(pk=photo_id, event_id=event_id).first()
    if photo is None:
        raise NotFound(_("Photo not found."))
    photo.is_hidden = hidden
    photo.hidden_at = timezone.now() if hidden else None
    photo.save(update_fields=["is_hidden", "hidden_at"])
    return photo


def photo_thumbnail_create(*, photo_id: int) -> bool:
    """Make a photo's thumbnail. Idempotent: a photo that has one is left alone."""
    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None or photo.thumbnail:
        return False
    with photo.image.open("rb") as source:
        content = thumbnail_make(source)
    photo.thumbnail.save("thumb.jpg", ContentFile(content), save=False)
    updated = Photo.objects.filter(pk=photo_id, thumbnail="").update(thumbnail=photo.thumbnail.name)
    if not updated:  # a concurrent run won
        files_delete([name for name in [photo.thumbnail.name] if name])
    return bool(updated)
