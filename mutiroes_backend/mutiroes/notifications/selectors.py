from django.db.models import QuerySet

from mutiroes.notifications.models import Notification


def notification_list(*, user, unread: bool = False) -> QuerySet[Notification]:
    queryset = Notification.objects.filter(user=user).order_by("-created_at", "-id")
    if unread:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset
