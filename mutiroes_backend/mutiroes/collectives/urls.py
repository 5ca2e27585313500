from django.urls import path

from mutiroes.collectives import views

urlpatterns = [
    path("collectives/", views.CollectiveListCreateView.as_view(), name="collective-list"),
    path(
        "collectives/invitations/preview/",
        views.InvitationPreviewView.as_view(),
        name="collective-invitation-preview",
    ),
    path(
        "collectives/invitations/accept/",
        views.InvitationAcceptView.as_view(),
        name="collective-invitation-accept",
    ),
    path("collectives/<slug:slug>/", views.CollectiveDetailView.as_view(), name="collective-detail"),
    path("collectives/<slug:slug>/share/", views.CollectiveShareView.as_view(), name="collective-share"),
    path("collectives/<slug:slug>/og.png", views.CollectiveImageView.as_view(), name="collective-og-image"),
    path("collectives/<slug:slug>/logo/", views.CollectiveLogoView.as_view(), name="collective-logo"),
    path("collectives/<slug:slug>/events/", views.CollectiveEventListView.as_view(), name="collective-events"),
    path("collectives/<slug:slug>/members/", views.MemberListView.as_view(), name="collective-members"),
    path(
        "collectives/<slug:slug>/members/<int:user_id>/",
        views.MemberDetailView.as_view(),
        name="collective-member-detail",
    ),
    path("collectives/<slug:slug>/leave/", views.CollectiveLeaveView.as_view(), name="collective-leave"),
    path("collectives/<slug:slug>/follow/", views.CollectiveFollowView.as_view(), name="collective-follow"),
    path(
        "collectives/<slug:slug>/invitations/",
        views.InvitationListCreateView.as_view(),
        name="collective-invitations",
    ),
    path(
        "collectives/<slug:slug>/invitations/<int:invitation_id>/",
        views.InvitationDetailView.as_view(),
        name="collective-invitation-detail",
    ),
]
