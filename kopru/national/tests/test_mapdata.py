"""The bundled province map and populations, and the offline builder that made them."""

from __future__ import annotations

import re

import pytest

from kopru.core.datafiles import BUNDLED_DATA, has_data_file
from kopru.geo.reference import read_reference
from kopru.national import mapbuild
from kopru.national.mapdata import population, province_map


def test_the_bundled_map_has_the_81_provinces_by_plate_and_is_small() -> None:
    shapes = province_map().shapes
    plates = {plate for plate, _name, _districts in read_reference()}
    assert set(shapes) == plates and len(plates) == 81
    assert (BUNDLED_DATA / "tr-il-harita" / "iller.json").stat().st_size < 40_000
    for d in shapes.values():
        assert re.fullmatch(r"(M\d+ \d+l[-\d ]+z)+", d), d[:80]
    assert province_map().view_box == "0 0 2000 844"


def test_the_bundled_populations_are_tuik_2022() -> None:
    people = population()
    assert people.year == 2022 and "ADNKS" in people.source_tr
    assert sum(people.by_plate.values()) == 85_279_553  # TÜİK's published total
    assert people.by_plate["10"] == 1_257_590  # Balıkesir
    assert people.by_plate["34"] > 15_000_000  # İstanbul
    assert len(people.by_plate) == 81


def test_attribution_travels_with_the_bundled_files() -> None:
    source = (BUNDLED_DATA / "tr-il-harita" / "SOURCE.md").read_text(encoding="utf-8")
    assert "ODbL" in source and "© OpenStreetMap contributors" in source
    assert "TÜİK" in source
    assert "tr-il-harita" in (BUNDLED_DATA / "README.md").read_text(encoding="utf-8")


def test_douglas_peucker_keeps_the_ends_and_the_corners() -> None:
    line = [(0, 0), (1, 0), (2, 1), (3, 0), (10, 0), (10, 10)]
    assert mapbuild.douglas_peucker(line, 1.5) == [(0, 0), (10, 0), (10, 10)]
    assert mapbuild.douglas_peucker(line, 0.5) == [(0, 0), (2, 1), (3, 0), (10, 0), (10, 10)]


def test_simplification_keeps_shared_borders_shared() -> None:
    # two squares sharing a jagged vertical border, walked in opposite directions
    border = [(10, y) if y % 2 else (11, y) for y in range(0, 21)]
    left = [(0, 0), *border, (0, 20)]
    right = [*border[::-1], (30, 20), (30, 0)][::-1]
    a, b = mapbuild.simplify_rings([left, right], tolerance=2)
    shared = set(a) & set(b)
    assert {(11, 0), (11, 20)} <= shared  # the ends of the border
    # every point of the simplified border is in both, so no gap and no sliver
    assert {p for p in a if p[0] in (10, 11)} == {p for p in b if p[0] in (10, 11)}
    assert len(a) < len(left)


def test_names_join_with_turkish_folding_and_the_afyon_alias() -> None:
    assert mapbuild.province_key("Afyon") == mapbuild.province_key("Afyonkarahisar")
    assert mapbuild.province_key("İZMİR") == mapbuild.province_key("izmir")
    assert mapbuild.parse_number(" 1.257.590") == 1_257_590


@pytest.mark.skipif(
    not has_data_file("tr-il-nufus-harita/tr-cities-utf8.geojson"),
    reason="shared/data/tr-il-nufus-harita is not beside this clone",
)
def test_the_builder_reproduces_the_bundled_files(tmp_path) -> None:
    import json

    from django.core.management import call_command

    from kopru.core.datafiles import data_file

    source = data_file("tr-il-nufus-harita/tr-cities-utf8.geojson").parent
    call_command("build_province_map", source=str(source), target=str(tmp_path), stdout=None)
    for name in ("iller.json", "nufus-2022.json"):
        built = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        bundled = json.loads((BUNDLED_DATA / "tr-il-harita" / name).read_text(encoding="utf-8"))
        assert built == bundled, name
