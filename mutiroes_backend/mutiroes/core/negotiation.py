"""DRF's content negotiation, its choices remembered.

Which renderer answers (and the media type it declares) depends only on the view's renderer
classes, the format asked (`?format=` or a URL suffix) and the `Accept` header; DRF parses that
header into media types and matches them against each renderer on every request. Here a choice
is made by DRF once per such combination and reused. Only short headers are remembered, and at
most `MAX_CHOICES` of them (the table is emptied when full), so odd client headers cost memory
for nothing. A refusal (406, or 404 for an unknown format) is never remembered: DRF decides it
again each time. `test_negotiation.py` holds the choices equal to DRF's.
"""

from typing import Any

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request

MAX_CHOICES = 256
MAX_ACCEPT_LENGTH = 256

# (renderer classes, format, Accept header) -> (index of the renderer, accepted media type)
_choices: dict[tuple[tuple[type, ...], str | None, str], tuple[int, str]] = {}


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request: Request, renderers: list[Any], format_suffix: str | None = None) -> Any:
        accept = request.META.get("HTTP_ACCEPT", "*/*")
        if len(accept) > MAX_ACCEPT_LENGTH:
            return super().select_renderer(request, renderers, format_suffix)
        asked = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        key = (tuple(type(renderer) for renderer in renderers), asked, accept)
        choice = _choices.get(key)
        if choice is not None:
            index, media_type = choice
            return renderers[index], media_type
        renderer, media_type = super().select_renderer(request, renderers, format_suffix)
        if len(_choices) >= MAX_CHOICES:
            _choices.clear()
        _choices[key] = (next(i for i, candidate in enumerate(renderers) if candidate is renderer), media_type)
        return renderer, media_type
