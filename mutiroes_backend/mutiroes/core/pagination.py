from functools import partial
from typing import Any

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param

# Deep pages cost an OFFSET scan of everything before them: no list goes past this many rows.
MAX_RESULT_WINDOW = 2000


# The `next` and `previous` links of the pages already answered, by URL and page: DRF's
# `replace_query_param` parses and re-encodes the whole query for each link (~50 µs), and the
# pages of a listing are asked for again and again. Bounded: emptied when full.
_PAGE_LINKS_MAX = 512
_page_links: dict[tuple[str, str, int], str] = {}


def _page_link(url: str, name: str, number: int) -> str:
    """DRF's link to page `number` of the page at `url` (page 1 without the parameter)."""
    key = (url, name, number)
    link = _page_links.get(key)
    if link is None:
        link = remove_query_param(url, name) if number == 1 else replace_query_param(url, name, number)
        if len(_page_links) >= _PAGE_LINKS_MAX:
            _page_links.clear()
        _page_links[key] = link
    return link


class _CountedPaginator(Paginator):
    """A paginator told the number of results (e.g. from a cache) instead of counting them."""

    def __init__(self, object_list: Any, per_page: int, *, count: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers with a bounded result window. A view with `paginated_count(queryset)` says
    how many results there are (e.g. cached), so that a page does not cost a COUNT(*)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list | None:
        raw = request.query_params.get(self.page_query_param, "1")
        if raw.isdigit() and (int(raw) - 1) * self.get_page_size(request) >= MAX_RESULT_WINDOW:
            raise ValidationError(
                {
                    "page": [
                        _("Only the first %(n)d results can be paged through; narrow the search.")
                        % {"n": MAX_RESULT_WINDOW}
                    ]
                }
            )
        counter = getattr(view, "paginated_count", None)
        if counter is not None:
            self.django_paginator_class = partial(_CountedPaginator, count=counter(queryset))
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {"page_size": [_("Use a whole number from 1 to %(max)d.") % {"max": self.max_page_size}]}
            )
        return size

    def get_next_link(self) -> str | None:
        if not self.page.has_next():
            return None
        return _page_link(self.request.build_absolute_uri(), self.page_query_param, self.page.next_page_number())

    def get_previous_link(self) -> str | None:
        if not self.page.has_previous():
            return None
        return _page_link(self.request.build_absolute_uri(), self.page_query_param, self.page.previous_page_number())

    def get_paginated_response_schema(self, schema: dict) -> dict:
        """Every page carries all four keys (`next`/`previous` null at the ends)."""
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["count", "next", "previous", "results"]
        return paginated
