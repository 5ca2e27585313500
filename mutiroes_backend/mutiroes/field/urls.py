from django.urls import path

from mutiroes.field import views

urlpatterns = [
    path("events/<int:event_id>/attendance/", views.AttendanceOperationView.as_view(), name="event-attendance"),
    path("events/<int:event_id>/roll-call/", views.RollCallView.as_view(), name="roll-call"),
    path("events/<int:event_id>/roll-call/all-back/", views.RollCallAllBackView.as_view(), name="roll-call-all-back"),
    path("events/<int:event_id>/roll-call/missing/", views.RollCallMissingView.as_view(), name="roll-call-missing"),
    path("events/<int:event_id>/roll-call/found/", views.RollCallFoundView.as_view(), name="roll-call-found"),
]
