"""JSON rendering with orjson: DRF's JSONRenderer output (compact, UTF-8, U+2028/U+2029
escaped), several times faster on list pages.

Types orjson does not write the way DRF's encoder does (datetimes, dataclasses, Decimals, lazy
translations, ...) go through DRF's encoder; an indented answer (`Accept: application/json;
indent=4`) and anything orjson refuses are rendered by DRF itself.
"""

from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
_ENCODER = JSONEncoder()


class FastJSONRenderer(JSONRenderer):
    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            rendered = orjson.dumps(data, default=_ENCODER.default, option=_OPTIONS)
        except TypeError:  # e.g. an integer beyond 64 bits, a key that is not a string
            return super().render(data, accepted_media_type, renderer_context)
        # A strict JavaScript subset, as DRF's renderer makes it.
        return rendered.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
