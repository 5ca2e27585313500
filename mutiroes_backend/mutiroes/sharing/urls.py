from django.urls import path

from mutiroes.sharing import views

urlpatterns = [
    path("events/<int:event_id>/share/", views.EventShareView.as_view(), name="event-share"),
    path("events/<int:event_id>/og.png", views.EventImageView.as_view(), name="event-og-image"),
    path("events/<int:event_id>/poster.pdf", views.EventPosterView.as_view(), name="event-poster"),
]
