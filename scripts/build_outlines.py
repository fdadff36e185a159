"""Build the web map's offline basemap: country outlines as GeoJSON from npm's world-atlas.

world-atlas 2.0.2 (ISC licence) packages Natural Earth's admin-0 countries (public domain) as
TopoJSON. This script fetches it with `npm pack` (or reads a given .tgz), decodes the TopoJSON
arcs, rounds coordinates and writes src/frontlines/data/outlines/countries.geojson.

    python scripts/build_outlines.py [--tgz world-atlas-2.0.2.tgz] [--scale 110m]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = "world-atlas@2.0.2"
TARGET = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "frontlines"
    / "data"
    / "outlines"
    / "countries.geojson"
)
# Decimal places kept (2 = about 1 km): outlines are a backdrop, not boundaries to measure.
DECIMALS = 2


def fetch_package(folder: Path) -> Path:
    """`npm pack` the package into `folder`; return the .tgz."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True)
    return next(folder.glob("world-atlas-*.tgz"))


def read_topology(tgz: Path, scale: str) -> dict[str, Any]:
    with tarfile.open(tgz) as archive:
        member = archive.extractfile(f"package/countries-{scale}.json")
        if member is None:
            raise SystemExit(f"no countries-{scale}.json in {tgz}")
        topology: dict[str, Any] = json.load(member)
        return topology


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute, rounded coordinates of every arc (TopoJSON quantised delta encoding)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    deduplicated = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    return [list(p) for p in deduplicated]


def geometry(shape: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> dict[str, Any]:
    if shape["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in shape["arcs"]]}
    return {
        "type": "MultiPolygon",
        "coordinates": [[ring(r, arcs) for r in polygon] for polygon in shape["arcs"]],
    }


def build(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    features = [
        {
            "type": "Feature",
            "id": shape.get("id"),
            "properties": {"name": shape.get("properties", {}).get("name", "")},
            "geometry": geometry(shape, arcs),
        }
        for shape in topology["objects"]["countries"]["geometries"]
        if shape.get("type") in ("Polygon", "MultiPolygon")
    ]
    return {
        "type": "FeatureCollection",
        "source": f"Natural Earth admin-0 countries via npm {PACKAGE} (ISC; data public domain)",
        "features": features,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tgz", type=Path, help="a world-atlas .tgz (default: npm pack it)")
    parser.add_argument("--scale", default="110m", choices=("10m", "50m", "110m"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tgz = args.tgz or fetch_package(Path(folder))
        collection = build(read_topology(tgz, args.scale))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(collection['features'])} countries to {TARGET}")


if __name__ == "__main__":
    main()
