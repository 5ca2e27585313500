"""The URLconf with the bench routes, as config/urls.py has it under BENCH_MINIMAL_VIEW=1."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("api/bench/", include("benchmarks.views")), *project_urlpatterns]
