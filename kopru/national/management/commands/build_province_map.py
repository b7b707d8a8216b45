"""Write ``data/tr-il-harita/`` from ``shared/data/tr-il-nufus-harita/`` (see
:mod:`kopru.national.mapbuild`). Run once when the source changes; the output is
committed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from kopru.core.datafiles import BUNDLED_DATA, SHARED_DATA
from kopru.geo.reference import read_reference
from kopru.national.mapbuild import build, province_key

SOURCE = "tr-il-nufus-harita"
TARGET = "tr-il-harita"


class Command(BaseCommand):
    help = "Simplify the province boundaries and extract the populations into data/."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--source", default=str(SHARED_DATA / SOURCE))
        parser.add_argument("--target", default=str(BUNDLED_DATA / TARGET))

    def handle(self, *args: Any, **options: Any) -> None:
        source, target = Path(options["source"]), Path(options["target"])
        geojson = json.loads((source / "tr-cities-utf8.geojson").read_text(encoding="utf-8"))
        population = json.loads((source / "il-ilce-nufus-2022.json").read_text(encoding="utf-8"))
        plates = {province_key(name): plate for plate, name, _ in read_reference()}
        map_doc, population_doc = build(geojson, population, plates)
        target.mkdir(parents=True, exist_ok=True)
        for name, doc in (("iller.json", map_doc), ("nufus-2022.json", population_doc)):
            text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
            (target / name).write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"{target / name}: {len(text.encode()):,} bytes")
