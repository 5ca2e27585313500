from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView

from mutiroes.core.views import HealthView, ReadinessView, SchemaView
from mutiroes.notifications.urls import event_urlpatterns as notification_event_urlpatterns
from mutiroes.users.urls import auth_urlpatterns, user_urlpatterns

admin.site.site_header = "Mutirões — administração"
admin.site.site_title = "Mutirões"

api_urlpatterns = [
    path("health/", HealthView.as_view(), name="health"),
    path("health/ready/", ReadinessView.as_view(), name="health-ready"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # Swagger UI boots from `/api/docs/?script` (a same-origin script, no inline one): the page's
    # CSP allows no inline script (nginx/render.py, CSP_DOCS).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    path("auth/", include(auth_urlpatterns)),
    path("users/", include(user_urlpatterns)),
    path("notifications/", include("mutiroes.notifications.urls")),
    path("alerts/", include("mutiroes.alerts.urls")),
    path("", include("mutiroes.events.urls")),
    path("", include(notification_event_urlpatterns)),
    path("", include("mutiroes.impact.urls")),
    path("", include("mutiroes.community.urls")),
    path("", include("mutiroes.collectives.urls")),
    path("", include("mutiroes.sharing.urls")),
    path("", include("mutiroes.field.urls")),
    path("", include("mutiroes.litter.urls")),
    path("", include("mutiroes.custody.urls")),
]
if settings.BENCH_MINIMAL_VIEW:  # reference views for `make bench` only (benchmarks/views.py)
    api_urlpatterns.append(path("bench/", include("benchmarks.views")))
if settings.TEST_FAULTS:  # test clusters only (mutiroes/core/faults.py)
    api_urlpatterns.append(path("test-faults/", include("mutiroes.core.faults")))

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include(api_urlpatterns)),
]

handler404 = "mutiroes.core.views.not_found"
handler500 = "mutiroes.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
