from functools import partial
from typing import Any

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

# Deep pages cost an OFFSET scan of everything before them: no list goes past this many rows.
MAX_RESULT_WINDOW = 2000


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

    def get_paginated_response_schema(self, schema: dict) -> dict:
        """Every page carries all four keys (`next`/`previous` null at the ends)."""
        paginated = super().get_paginated_response_schema(schema)
        paginated["required"] = ["count", "next", "previous", "results"]
        return paginated
