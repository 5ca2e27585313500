"""Reads of the community around a mutirão. Every list runs a fixed number of queries."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import IntegerField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from mutiroes.community.models import Comment, Photo, Pledge, Resource
from mutiroes.events.models import Event
from mutiroes.users.models import User


def resource_list(*, event: Event) -> QuerySet[Resource]:
    return (
        Resource.objects.filter(event=event)
        .annotate(pledged=Coalesce(Sum("pledges__quantity"), Value(0), output_field=IntegerField()))
        .prefetch_related(Prefetch("pledges", queryset=Pledge.objects.select_related("user").order_by("id")))
        .order_by("id")
    )


def resource_get(*, event: Event, resource_id: int) -> Resource:
    return resource_list(event=event).get(pk=resource_id)


def comment_list(*, event: Event, user: User | AnonymousUser) -> QuerySet[Comment]:
    """Top-level comments with their replies; hidden ones only for moderators."""
    moderator = getattr(user, "is_staff", False)
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    queryset = Comment.objects.filter(event=event, parent__isnull=True)
    if not moderator:
        replies = replies.filter(is_hidden=False)
        queryset = queryset.filter(is_hidden=False)
    return (
        queryset.select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "id")
    )


def comment_thread_people(*, comment: Comment) -> set[int]:
    """Who hears of a new comment: the organizer, and for a reply everyone in its thread
    (the original comment's author and the other repliers). The author is removed by the caller."""
    people = {comment.event.organizer_id}
    if comment.parent_id is not None:
        thread = Comment.objects.filter(Q(pk=comment.parent_id) | Q(parent_id=comment.parent_id), is_hidden=False)
        people.update(thread.values_list("author_id", flat=True))
    return people


def photo_list(*, event: Event, user: User | AnonymousUser, stage: str | None = None) -> QuerySet[Photo]:
    queryset = Photo.objects.filter(event=event).select_related("uploaded_by").order_by("created_at", "id")
    if not getattr(user, "is_staff", False):
        queryset = queryset.filter(is_hidden=False)
    if stage:
        queryset = queryset.filter(stage=stage)
    return queryset
