"""Structured logs: one JSON object per line.

Every line has `ts`, `level`, `logger`, `msg`, `replica` and `request_id` (RequestContextFilter);
the request line (`event: request`) and the task line (`event: task`) add their own fields.
Personal data never goes into a log: people appear by `user_id` only.
"""

import json
import logging
from datetime import UTC, datetime
from typing import Any

# Attributes every LogRecord has; anything else on a record came from `extra=` and is logged,
# except Django's `request` object (its repr has the query string, which can hold a calendar
# token): the request id ties an error to its request line, which has the path without it.
_RECORD_ATTRIBUTES = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName", "request"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
