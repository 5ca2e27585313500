from django.urls import path

from mutiroes.impact import views

urlpatterns = [
    path("events/<int:event_id>/report/", views.ReportView.as_view(), name="event-report"),
    path("stats/", views.StatsView.as_view(), name="stats"),
    path("materials/", views.MaterialListView.as_view(), name="material-list"),
    path("users/me/stats/", views.MeStatsView.as_view(), name="me-stats"),
    path("users/<int:user_id>/", views.PublicProfileView.as_view(), name="user-profile"),
    path("users/me/certificate.pdf", views.MyCertificateView.as_view(), name="me-certificate"),
    path("certificates/<str:code>/", views.CertificateVerifyView.as_view(), name="certificate-verify"),
]
