from django.urls import path

from mutiroes.events import views

urlpatterns = [
    path("users/me/events/", views.MeEventsView.as_view(), name="me-events"),
    path("users/me/calendar.ics", views.MeCalendarView.as_view(), name="me-calendar"),
    path("categories/", views.CategoryListView.as_view(), name="category-list"),
    path("events/", views.EventListCreateView.as_view(), name="event-list"),
    path("events/<int:event_id>/", views.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:event_id>/cover/", views.EventCoverView.as_view(), name="event-cover"),
    path("events/<int:event_id>/publish/", views.EventPublishView.as_view(), name="event-publish"),
    path("events/<int:event_id>/cancel/", views.EventCancelView.as_view(), name="event-cancel"),
    path("events/<int:event_id>/check-in-code/", views.EventCheckInCodeView.as_view(), name="event-check-in-code"),
    path("events/<int:event_id>/join/", views.EventJoinView.as_view(), name="event-join"),
    path("events/<int:event_id>/leave/", views.EventLeaveView.as_view(), name="event-leave"),
    path("events/<int:event_id>/check-in/", views.EventSelfCheckInView.as_view(), name="event-self-check-in"),
    path("events/<int:event_id>/calendar.ics", views.EventCalendarView.as_view(), name="event-calendar"),
    path("events/<int:event_id>/co-organizers/", views.CoOrganizerListView.as_view(), name="co-organizer-list"),
    path(
        "events/<int:event_id>/co-organizers/<int:user_id>/",
        views.CoOrganizerDetailView.as_view(),
        name="co-organizer-detail",
    ),
    path("events/<int:event_id>/series/", views.EventSeriesCreateView.as_view(), name="event-series-create"),
    path("series/<int:series_id>/", views.SeriesDetailView.as_view(), name="series-detail"),
    path("series/<int:series_id>/join-all/", views.SeriesJoinAllView.as_view(), name="series-join-all"),
    path("series/<int:series_id>/calendar.ics", views.SeriesCalendarView.as_view(), name="series-calendar"),
    path("events/<int:event_id>/participants/", views.ParticipantListView.as_view(), name="participant-list"),
    path("events/<int:event_id>/participants.csv", views.ParticipantCsvView.as_view(), name="participant-csv"),
    path(
        "events/<int:event_id>/participants/check-in/",
        views.ParticipantCheckInByCodeView.as_view(),
        name="participant-check-in-by-code",
    ),
    path(
        "events/<int:event_id>/participants/<int:participation_id>/approve/",
        views.ParticipantApproveView.as_view(),
        name="participant-approve",
    ),
    path(
        "events/<int:event_id>/participants/<int:participation_id>/reject/",
        views.ParticipantRejectView.as_view(),
        name="participant-reject",
    ),
    path(
        "events/<int:event_id>/participants/<int:participation_id>/restore/",
        views.ParticipantRestoreView.as_view(),
        name="participant-restore",
    ),
    path(
        "events/<int:event_id>/participants/<int:participation_id>/no-show/",
        views.ParticipantNoShowView.as_view(),
        name="participant-no-show",
    ),
    path(
        "events/<int:event_id>/participants/<int:participation_id>/check-in/",
        views.ParticipantCheckInView.as_view(),
        name="participant-check-in",
    ),
    path(
        "events/<int:event_id>/participants/<int:participation_id>/check-out/",
        views.ParticipantCheckOutView.as_view(),
        name="participant-check-out",
    ),
]
