from django.urls import path

from mutiroes.litter import views

urlpatterns = [
    path("litter-reports/", views.ReportListView.as_view(), name="litter-report-list"),
    path("litter-reports/nearby/", views.ReportNearbyView.as_view(), name="litter-report-nearby"),
    path("litter-reports/<int:report_id>/", views.ReportDetailView.as_view(), name="litter-report-detail"),
    path("litter-reports/<int:report_id>/confirm/", views.ReportConfirmView.as_view(), name="litter-report-confirm"),
    path("litter-reports/<int:report_id>/resurvey/", views.ReportResurveyView.as_view(), name="litter-report-resurvey"),
    path("litter-reports/<int:report_id>/flag/", views.ReportFlagView.as_view(), name="litter-report-flag"),
    path("events/<int:event_id>/litter-reports/", views.EventReportsView.as_view(), name="event-litter-reports"),
]
