"""The bundled province map and populations (``data/tr-il-harita/``, see its SOURCE.md).

Read once per process. Boundaries: © OpenStreetMap contributors, ODbL. Populations:
TÜİK, ADNKS 2022.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from django.utils.translation import get_language

from kopru.core.datafiles import data_file

MAP_FILE = "tr-il-harita/iller.json"
POPULATION_FILE = "tr-il-harita/nufus-2022.json"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_COPYRIGHT_URL = "https://www.openstreetmap.org/copyright"


@dataclass(frozen=True)
class ProvinceMap:
    view_box: str
    shapes: dict[str, str]  # plate code → SVG path data


@dataclass(frozen=True)
class Population:
    year: int
    source_tr: str
    source_en: str
    by_plate: dict[str, int]

    @property
    def source(self) -> str:
        return self.source_en if (get_language() or "tr").startswith("en") else self.source_tr


@cache
def province_map() -> ProvinceMap:
    doc = json.loads(data_file(MAP_FILE).read_text(encoding="utf-8"))
    return ProvinceMap(
        view_box=doc["viewBox"], shapes={p["plate"]: p["d"] for p in doc["provinces"]}
    )


@cache
def population() -> Population:
    doc = json.loads(data_file(POPULATION_FILE).read_text(encoding="utf-8"))
    return Population(
        year=int(doc["year"]),
        source_tr=doc["source"],
        source_en=doc["source_en"],
        by_plate={plate: int(n) for plate, n in doc["population"].items()},
    )
