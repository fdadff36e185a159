"""Build the country outlines the report map draws, from world-atlas TopoJSON (Natural Earth).

Usage (offline once the package is fetched):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_outlines.py package/countries-50m.json

writes src/frontlines/data/outlines/countries.geojson: one feature per country with its name and
ISO 3166-1 numeric id, simplified (SIMPLIFY_DEGREES) and rounded (DECIMALS) to stay small.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from shapely import make_valid
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.ops import unary_union

OUTPUT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "frontlines"
    / "data"
    / "outlines"
    / "countries.geojson"
)
# Tolerance of the simplification: 0.02° (~2 km) is finer than a printed country map needs.
SIMPLIFY_DEGREES = 0.02
# Coordinates rounded to 1/1000° (~100 m).
DECIMALS = 3

Ring = list[tuple[float, float]]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Absolute coordinates of every arc (TopoJSON quantised, delta-encoded arcs)."""
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[Ring]) -> Ring:
    """A ring from arc indices; a negative index ~i is arc i reversed."""
    points: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def geometry_polygons(geometry: dict[str, Any], arcs: list[Ring]) -> list[Polygon]:
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    polygons = []
    for part in parts:
        rings = [ring(indices, arcs) for indices in part]
        if len(rings[0]) >= 4:
            polygons.append(Polygon(rings[0], [r for r in rings[1:] if len(r) >= 4]))
    return polygons


def rounded(geometry: Any) -> Any:
    def walk(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, DECIMALS)
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        return value

    shape = mapping(geometry)
    return {"type": shape["type"], "coordinates": walk(shape["coordinates"])}


def build(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        shape = unary_union([make_valid(p) for p in geometry_polygons(geometry, arcs)])
        shape = shape.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        if not isinstance(shape, Polygon | MultiPolygon):
            shape = MultiPolygon([g for g in getattr(shape, "geoms", []) if isinstance(g, Polygon)])
        if shape.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": geometry.get("properties", {}).get("name", ""),
                    "iso_numeric": int(geometry["id"])
                    if str(geometry.get("id", "")).isdigit()
                    else None,
                },
                "geometry": rounded(shape),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    collection = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(collection['features'])} countries to {args.output}")


if __name__ == "__main__":
    main()
