from django.urls import path

from mutiroes.notifications import views

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification-list"),
    path("preferences/", views.NotificationPreferencesView.as_view(), name="notification-preferences"),
    path("read-all/", views.NotificationReadAllView.as_view(), name="notification-read-all"),
    path("<int:notification_id>/read/", views.NotificationReadView.as_view(), name="notification-read"),
]

# Mounted at /api/ (config/urls.py): routes about one mutirão.
event_urlpatterns = [
    path("events/<int:event_id>/messages/", views.EventMessageView.as_view(), name="event-messages"),
]
