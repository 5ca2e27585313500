#!/usr/bin/env python3
"""Print .env.example with every `change-me` replaced by a fresh random secret."""

import secrets
from pathlib import Path

example = Path(__file__).resolve().parents[2] / ".env.example"
for line in example.read_text().splitlines():
    if line.endswith("=change-me"):
        key = line.split("=", 1)[0]
        line = f"{key}={secrets.token_urlsafe(50 if key == 'DJANGO_SECRET_KEY' else 24)}"
    print(line)
