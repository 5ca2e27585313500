from django.urls import path

from mutiroes.alerts import views

urlpatterns = [
    path("areas/", views.AlertAreaListView.as_view(), name="alert-area-list"),
    path("areas/<int:area_id>/", views.AlertAreaDetailView.as_view(), name="alert-area-detail"),
    path("settings/", views.AlertSettingsView.as_view(), name="alert-settings"),
]
