"""GeoJSON: the 61 districts (COD-AB admin2 polygons, simplified) with their counts over a period, and the
incidents as points. Also the simplified polygons the report's map draws.

Polygons are simplified with Douglas-Peucker (pure Python: no GEOS needed) at TOLERANCE degrees (~1 km) and
rounded to 4 decimals (~10 m): the admin2 file shrinks from 3.2 MB to a few hundred kB, which a report page
carries inline."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

TOLERANCE = 0.005
DECIMALS = 4


@dataclass(frozen=True)
class District:
    """A district polygon of the COD-AB admin2 GeoJSON."""

    pcode: str
    name_en: str
    name_ar: str
    admin1_pcode: str
    geometry: dict[str, Any]


def _perpendicular(point: list[float], start: list[float], end: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = point[:2], start[:2], end[:2]
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify_line(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker, iterative (a long ring would overflow recursion)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list[list[float]], tolerance: float) -> list[list[float]] | None:
    """A closed ring simplified, split at its farthest point so that both ends are kept; None when it collapses
    below a triangle (a tiny island)."""
    if len(ring) < 4:
        return None
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    half = simplify_line(ring[: far + 1], tolerance)
    rest = simplify_line(ring[far:], tolerance)
    out = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y, *_ in half[:-1] + rest]
    return out if len(out) >= 4 else None


def simplify_geometry(geometry: dict[str, Any], tolerance: float = TOLERANCE) -> dict[str, Any]:
    """A Polygon or MultiPolygon simplified; polygons whose outer ring collapses are dropped, but never all of
    them (the largest is kept unsimplified then)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    kept = []
    for polygon in polygons:
        outer = simplify_ring(polygon[0], tolerance)
        if outer is None:
            continue
        holes = [r for r in (simplify_ring(h, tolerance) for h in polygon[1:]) if r is not None]
        kept.append([outer, *holes])
    if not kept:
        largest = max(polygons, key=lambda p: len(p[0]))
        kept = [[[[round(x, DECIMALS), round(y, DECIMALS)] for x, y, *_ in largest[0]]]]
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def load_districts(path: Path | str, tolerance: float = TOLERANCE) -> list[District]:
    """The districts of the COD-AB admin2 GeoJSON (properties PCODE, NAME_EN, NAME_ARA, ADMIN1_COD), simplified."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    districts = []
    for feature in data["features"]:
        props = feature["properties"]
        districts.append(
            District(
                pcode=props["PCODE"],
                name_en=props.get("NAME_EN") or "",
                name_ar=props.get("NAME_ARA") or "",
                admin1_pcode=props.get("ADMIN1_COD") or "",
                geometry=simplify_geometry(feature["geometry"], tolerance),
            )
        )
    if not districts:
        raise ValueError(f"{path} holds no district polygons")
    return districts


def _window(column: str, start: date | None, end: date | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if start is not None:
        clauses.append(f"{column} >= ?")
        params.append(start)
    if end is not None:
        clauses.append(f"{column} <= ?")
        params.append(end)
    return (" and ".join(clauses) or "true"), params


DISTRICT_TOTALS_SQL = """
select
    d.admin2_pcode,
    d.admin1_pcode,
    d.admin1_name_en,
    cast(coalesce(sum(c.killed_low), 0) as bigint) as killed_low,
    cast(coalesce(sum(c.killed_best), 0) as bigint) as killed_best,
    cast(coalesce(sum(c.injured_low), 0) as bigint) as injured_low,
    cast(coalesce(sum(c.events), 0) as bigint) as events,
    cast(coalesce(sum(s.strikes_low), 0) as bigint) as strikes_low,
    cast(coalesce(sum(s.strikes_best), 0) as bigint) as strikes_best
from main.districts as d
left join main.daily_district_casualties as c
    on c.admin2_pcode = d.admin2_pcode and {window_c}
left join main.daily_district_strikes as s
    on s.admin2_pcode = c.admin2_pcode and s.event_date = c.event_date
group by all
order by d.admin2_pcode
"""


def district_totals(
    conn: duckdb.DuckDBPyConnection, start: date | None = None, end: date | None = None
) -> dict[str, dict[str, Any]]:
    """admin2_pcode -> the district's counts over [start, end] from the daily marts (zeros included)."""
    window, params = _window("c.event_date", start, end)
    cursor = conn.execute(DISTRICT_TOTALS_SQL.format(window_c=window), params)
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}


def districts_geojson(
    conn: duckdb.DuckDBPyConnection, districts: list[District], start: date | None, end: date | None
) -> dict[str, Any]:
    totals = district_totals(conn, start, end)
    features = []
    for district in districts:
        counts = totals.get(district.pcode, {})
        features.append(
            {
                "type": "Feature",
                "id": district.pcode,
                "properties": {
                    "admin2_pcode": district.pcode,
                    "admin2_name_en": district.name_en,
                    "admin2_name_ar": district.name_ar,
                    "admin1_pcode": district.admin1_pcode,
                    "period_start": start.isoformat() if start else None,
                    "period_end": end.isoformat() if end else None,
                    **{
                        k: counts.get(k, 0)
                        for k in (
                            "killed_low",
                            "killed_best",
                            "injured_low",
                            "events",
                            "strikes_low",
                            "strikes_best",
                        )
                    },
                },
                "geometry": district.geometry,
            }
        )
    return {"type": "FeatureCollection", "features": features}


INCIDENTS_SQL = """
select event_id, event_date, date_precision, event_type, actor, place, admin1_pcode, admin2_pcode, admin3_pcode,
       admin4_pcode, admin2_name_en, admin2_name_ar, geo_precision, coordinates_from, killed_low, killed_best,
       injured_low, injured_best, strikes_low, strikes_best, n_reports, count_url as url, count_evidence as evidence,
       latitude, longitude
from main.events
where latitude is not null and longitude is not null and {window}
order by event_date, event_id
"""


def incidents_geojson(
    conn: duckdb.DuckDBPyConnection, start: date | None, end: date | None
) -> dict[str, Any]:
    """The incidents with coordinates as points (properties: type, day, place, counts, evidence)."""
    window, params = _window("event_date", start, end)
    cursor = conn.execute(INCIDENTS_SQL.format(window=window), params)
    names = [d[0] for d in cursor.description]
    features = []
    for row in cursor.fetchall():
        props = dict(zip(names, row))
        lat, lon = props.pop("latitude"), props.pop("longitude")
        props["event_date"] = props["event_date"].isoformat()
        features.append(
            {
                "type": "Feature",
                "id": props["event_id"],
                "properties": props,
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(collection: dict[str, Any], path: Path) -> int:
    """Write a FeatureCollection (UTF-8, Arabic unescaped). Returns the number of features."""
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
    return len(collection["features"])
