from django.urls import path

from mutiroes.community import views

E = "events/<int:event_id>"

urlpatterns = [
    path(f"{E}/resources/", views.ResourceListView.as_view(), name="resource-list"),
    path(f"{E}/resources/<int:resource_id>/", views.ResourceDetailView.as_view(), name="resource-detail"),
    path(f"{E}/resources/<int:resource_id>/pledge/", views.ResourcePledgeView.as_view(), name="resource-pledge"),
    path(f"{E}/comments/", views.CommentListView.as_view(), name="comment-list"),
    path(f"{E}/comments/<int:comment_id>/", views.CommentDetailView.as_view(), name="comment-detail"),
    path(f"{E}/comments/<int:comment_id>/hide/", views.CommentModerateView.as_view(), name="comment-hide"),
    path(f"{E}/photos/", views.PhotoListView.as_view(), name="photo-list"),
    path(f"{E}/photos/<int:photo_id>/", views.PhotoDetailView.as_view(), name="photo-detail"),
    path(f"{E}/photos/<int:photo_id>/hide/", views.PhotoModerateView.as_view(), name="photo-hide"),
]
