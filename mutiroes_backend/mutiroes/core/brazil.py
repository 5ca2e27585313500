"""Brazilian reference data shared by every app."""

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from rest_framework import serializers

UFS = "AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO".split()
UF_CHOICES = [(uf, uf) for uf in UFS]


class UFField(serializers.ChoiceField):
    """A federative unit (UF), accepted in any case and stored upper-case."""

    def __init__(self, **kwargs: Any) -> None:
        choices = [("", ""), *UF_CHOICES] if kwargs.get("allow_blank") else UF_CHOICES
        super().__init__(choices=choices, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        return super().to_internal_value(data.strip().upper() if isinstance(data, str) else data)


# ---------------------------------------------------------------- territory
# Brazil's land outline (OpenStreetMap contributors, ODbL; simplified to ~10 km, see the file's
# "source"), and a margin of 12 nautical miles around it: the territorial sea, which also absorbs
# the simplification (a beach is never refused). The web app's location picker reads the same file.
OUTLINE_PATH = Path(__file__).parent / "data" / "brazil_outline.json"
TERRITORIAL_SEA_KM = 22.2
ISLAND_RADIUS_KM = 8.0
_KM_PER_DEGREE = 111.195


Ring = tuple[tuple[float, float], ...]


@lru_cache(maxsize=1)
def _outline() -> tuple[tuple[Ring, ...], Ring]:
    data = json.loads(OUTLINE_PATH.read_text(encoding="utf-8"))
    rings = tuple(tuple((float(lng), float(lat)) for lng, lat in ring) for ring in data["rings"])
    return rings, tuple((float(lng), float(lat)) for lng, lat in data["islands"])


def _inside(ring: Ring, lng: float, lat: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i, (xi, yi) in enumerate(ring):
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lng < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _km_to_ring(ring: Ring, lng: float, lat: float) -> float:
    """Shortest distance from the point to the ring's edges (equirectangular, fine at this scale)."""
    kx = _KM_PER_DEGREE * math.cos(math.radians(lat))
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        ax, ay = (x1 - lng) * kx, (y1 - lat) * _KM_PER_DEGREE
        bx, by = (x2 - lng) * kx, (y2 - lat) * _KM_PER_DEGREE
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def point_in_brazil(*, latitude: float, longitude: float) -> bool:
    """On Brazilian land or within its territorial sea."""
    if not (-35.0 <= latitude <= 6.5 and -75.0 <= longitude <= -28.0):
        return False
    rings, islands = _outline()
    if any(_inside(ring, longitude, latitude) for ring in rings):
        return True
    if any(_km_to_ring((island,), longitude, latitude) <= ISLAND_RADIUS_KM + TERRITORIAL_SEA_KM for island in islands):
        return True
    return any(_km_to_ring(ring, longitude, latitude) <= TERRITORIAL_SEA_KM for ring in rings)
