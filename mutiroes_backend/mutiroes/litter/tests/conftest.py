import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from mutiroes.events.models import Event
from mutiroes.litter import services
from mutiroes.litter.models import LitterReport

# Copacabana, Rio de Janeiro; about 0.00045° of latitude is 50 m.
LAT, LNG = -22.9711, -43.1822


def jpeg(color: str = "green") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, "JPEG")
    return out.getvalue()


def upload(color: str = "green") -> SimpleUploadedFile:
    return SimpleUploadedFile("foto.jpg", jpeg(color), content_type="image/jpeg")


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "latitude": str(LAT),
        "longitude": str(LNG),
        "address": "Em frente ao Posto 4",
        "city": "Rio de Janeiro",
        "state": "RJ",
        "size": "car",
        "materials": ["plastic", "glass"],
        "notes": "Entulho e garrafas",
        "images": [upload()],
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_report(make_user) -> Callable[..., LitterReport]:
    def make(reporter=None, **data: Any) -> LitterReport:
        fields = {
            "latitude": LAT,
            "longitude": LNG,
            "city": "Rio de Janeiro",
            "state": "RJ",
            "size": "bag",
            "materials": ["plastic"],
        }
        fields.update(data)
        return services.report_create(
            user=reporter or make_user(),
            data=fields,
            uploads=[services.Upload(file=io.BytesIO(jpeg()), size=len(jpeg()))],
        )

    return make


@pytest.fixture
def upcoming(make_event) -> Event:
    return make_event(title="Limpeza do ponto", start=timezone.now() + timedelta(days=3))
