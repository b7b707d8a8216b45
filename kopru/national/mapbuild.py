"""Building the bundled province map and population files (run offline, once).

``manage.py build_province_map`` reads the team's ``shared/data/tr-il-nufus-harita/``
(OpenStreetMap-derived province polygons, ODbL; TÜİK ADNKS 2022 populations) and writes
the two small files under ``data/tr-il-harita/`` that the national view reads, so a
clone works without ``shared/``:

* the polygons are projected (equirectangular, scaled by the cosine of the middle
  latitude) onto an integer grid, then simplified with Douglas–Peucker **between the
  junction points** of the borders: a border two provinces share is cut at the same
  points and simplified the same way in both, so the simplified provinces still meet
  without gaps or slivers; islands smaller than a few grid cells are dropped;
* each ring is written as an SVG path with relative integer steps;
* only the 81 provinces' total populations are kept from the population file.

Provinces are joined to their plate codes by Turkish-folded name (the map's feature
``id`` is not the plate code, and it writes ``Afyon`` for Afyonkarahisar).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from kopru.core.text import search_key

Point = tuple[int, int]
Ring = list[Point]

MAP_WIDTH = 2000  # grid units across; the page scales the SVG to its column
TOLERANCE = 1.6  # grid units (~0.08 % of the width)
MIN_ISLAND_AREA = 40.0  # square grid units: smaller rings are dropped
NAME_ALIASES = {"afyon": "afyonkarahisar"}


def province_key(name: str) -> str:
    key = search_key(name)
    return NAME_ALIASES.get(key, key)


def polygons_of(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unexpected geometry {geometry['type']}")


class Projection:
    """lon/lat → integer grid (y downwards), fitted to the bounds of ``features``."""

    def __init__(self, features: Sequence[dict[str, Any]], width: int = MAP_WIDTH) -> None:
        lons: list[float] = []
        lats: list[float] = []
        for feature in features:
            for polygon in polygons_of(feature["geometry"]):
                for ring in polygon:
                    lons.extend(p[0] for p in ring)
                    lats.extend(p[1] for p in ring)
        self.lon0, self.lat1 = min(lons), max(lats)
        self.kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
        self.scale = width / ((max(lons) - self.lon0) * self.kx)
        self.width = width
        self.height = math.ceil((self.lat1 - min(lats)) * self.scale)

    def __call__(self, lon: float, lat: float) -> Point:
        return (
            round((lon - self.lon0) * self.kx * self.scale),
            round((self.lat1 - lat) * self.scale),
        )


def area(ring: Sequence[Point]) -> float:
    """The (unsigned) area of a closed ring (first point not repeated)."""
    total = 0
    for i, (x1, y1) in enumerate(ring):
        x2, y2 = ring[(i + 1) % len(ring)]
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def _distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / math.hypot(dx, dy)


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """The points kept by Douglas–Peucker; the first and last are always kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _dedupe(ring: Iterable[Point]) -> Ring:
    out: Ring = []
    for p in ring:
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def simplify_rings(rings: Sequence[Ring], tolerance: float = TOLERANCE) -> list[Ring]:
    """Simplify closed rings (first point not repeated) keeping shared borders shared.

    A point is a *junction* when the set of rings through it differs from that of its
    neighbour on the ring (where a border starts, ends or changes neighbour); the
    pieces between junctions are simplified alone, so both sides of a shared border
    keep the same points. A ring with fewer than two junctions is cut at its first
    point and the point farthest from it.
    """
    owners: dict[Point, set[int]] = defaultdict(set)
    for index, ring in enumerate(rings):
        for p in ring:
            owners[p].add(index)
    result: list[Ring] = []
    for ring in rings:
        n = len(ring)
        fixed = [
            i
            for i in range(n)
            if owners[ring[i]] != owners[ring[i - 1]]
            or owners[ring[i]] != owners[ring[(i + 1) % n]]
        ]
        if len(fixed) < 2:
            far = max(range(n), key=lambda i: math.dist(ring[0], ring[i]))
            fixed = sorted({0, far})
        kept: Ring = []
        for j, start in enumerate(fixed):
            end = fixed[(j + 1) % len(fixed)]
            piece = ring[start : end + 1] if end > start else ring[start:] + ring[: end + 1]
            # the same border walked either way gives the same points
            forward = douglas_peucker(piece, tolerance)
            backward = douglas_peucker(piece[::-1], tolerance)[::-1]
            chosen = forward if sorted(forward) <= sorted(backward) else backward
            kept.extend(chosen[:-1])
        result.append(_dedupe(kept))
    return result


def path_data(rings: Sequence[Ring]) -> str:
    """SVG path data: each ring as ``M x y`` then relative integer steps, closed."""
    parts: list[str] = []
    for ring in rings:
        x0, y0 = ring[0]
        steps = [f"M{x0} {y0}l"]
        px, py = x0, y0
        for x, y in ring[1:]:
            steps.append(f"{x - px} {y - py}")
            px, py = x, y
        parts.append(" ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


def parse_number(text: str) -> int:
    """``"1.257.590"`` (Turkish thousands separators, maybe padded) → 1257590."""
    return int(text.strip().replace(".", ""))


def build(
    geojson: dict[str, Any], population: dict[str, Any], plates: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The map and population documents; ``plates`` maps province keys to plate codes."""
    features = geojson["features"]
    projection = Projection(features)
    rings: list[Ring] = []
    owner: list[str] = []
    for feature in features:
        plate = plates[province_key(feature["properties"]["name"])]
        for polygon in polygons_of(feature["geometry"]):
            for coordinates in polygon:
                projected = _dedupe(projection(lon, lat) for lon, lat in coordinates)
                if len(projected) >= 3:
                    rings.append(projected)
                    owner.append(plate)
    simplified = simplify_rings(rings)
    by_plate: dict[str, list[Ring]] = defaultdict(list)
    for plate, kept_ring in zip(owner, simplified, strict=True):
        if len(kept_ring) >= 3:
            by_plate[plate].append(kept_ring)
    provinces = []
    for plate in sorted(by_plate):
        kept = [r for r in by_plate[plate] if area(r) >= MIN_ISLAND_AREA]
        kept = kept or [max(by_plate[plate], key=area)]
        provinces.append({"plate": plate, "d": path_data(kept)})
    if len(provinces) != 81:
        raise ValueError(f"expected 81 provinces, got {len(provinces)}")
    map_doc = {
        "viewBox": f"0 0 {projection.width} {projection.height}",
        "attribution": "© OpenStreetMap contributors (ODbL)",
        "provinces": provinces,
    }
    rows = population["data"]
    totals = {plates[province_key(r["il_adi"])]: parse_number(r["nufus"]) for r in rows}
    if len(totals) != 81:
        raise ValueError(f"expected 81 population rows, got {len(totals)}")
    population_doc = {
        "year": 2022,
        "source": "TÜİK, Adrese Dayalı Nüfus Kayıt Sistemi (ADNKS) 2022 sonuçları (6 Şubat 2023)",
        "source_en": "TurkStat, Address-Based Population Registration System (ABPRS) 2022 results "
        "(6 February 2023)",
        "population": dict(sorted(totals.items())),
    }
    return map_doc, population_doc
