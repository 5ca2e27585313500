from django.urls import path

from mutiroes.custody import views

urlpatterns = [
    path("events/<int:event_id>/waste/", views.EventWasteView.as_view(), name="event-waste"),
    path("events/<int:event_id>/waste/bags/", views.BagListView.as_view(), name="waste-bag-list"),
    path("events/<int:event_id>/waste/bags/<int:bag_id>/", views.BagDetailView.as_view(), name="waste-bag-detail"),
    path("events/<int:event_id>/waste/handovers/", views.HandoverListView.as_view(), name="waste-handover-list"),
    path(
        "events/<int:event_id>/waste/handovers/<int:handover_id>/link/",
        views.HandoverLinkView.as_view(),
        name="waste-handover-link",
    ),
    path("waste/stats/", views.WasteStatsView.as_view(), name="waste-stats"),
    path("waste/receipt/", views.ReceiptView.as_view(), name="waste-receipt"),
    path("certificates/<str:code>/waste/", views.CertificateWasteView.as_view(), name="certificate-waste"),
]
