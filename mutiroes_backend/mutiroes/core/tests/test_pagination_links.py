"""A page's `next` and `previous` links are remembered by URL and page number: they must be
exactly DRF's, for every page of every query, the first time and the next."""

import pytest
from rest_framework import pagination
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from mutiroes.core import pagination as ours

QUERIES = [
    "",
    "page=2",
    "page=3&page_size=2",
    "page_size=2&page=4",
    "near=-23.5505%2C-46.6333&radius_km=10&page=2",
    "q=praia+limpa&page=2&page=3",
    "city=S%C3%A3o+Paulo&utm=&page=2",
    "page=last&page_size=3",
]


def links(paginator_class, query, host):
    request = Request(APIRequestFactory().get(f"/api/events/?{query}", HTTP_HOST=host))
    paginator = paginator_class()
    paginator.page_size = 3
    paginator.page_size_query_param = "page_size"
    paginator.max_page_size = 100
    paginator.paginate_queryset(list(range(10)), request)
    return paginator.get_next_link(), paginator.get_previous_link()


@pytest.mark.parametrize("host", ["testserver", "api.mutiroes.test:8443"])
def test_links_are_drfs_for_every_page(settings, host):
    settings.ALLOWED_HOSTS = ["testserver", "api.mutiroes.test"]
    ours._page_links.clear()
    for query in QUERIES * 2:
        expected = links(pagination.PageNumberPagination, query, host)
        assert links(ours.PageNumberPagination, query, host) == expected, query
    assert links(ours.PageNumberPagination, "page=2", host) == (
        f"http://{host}/api/events/?page=3",
        f"http://{host}/api/events/",
    )
    assert links(ours.PageNumberPagination, "page=4", host) == (None, f"http://{host}/api/events/?page=3")


def test_remembered_links_are_bounded():
    ours._page_links.clear()
    for n in range(ours._PAGE_LINKS_MAX + 4):
        url = f"http://testserver/api/events/?city=c{n}&page=2"
        assert ours._page_link(url, "page", 3) == f"http://testserver/api/events/?city=c{n}&page=3"
    assert len(ours._page_links) == 4
