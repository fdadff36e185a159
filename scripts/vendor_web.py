"""Vendor the web map's libraries from npm into src/frontlines/web/static/vendor (no CDN).

Fetches the pinned packages with `npm pack`, copies their built files and licences, and writes
vendor/PROVENANCE.md with each package's version, licence and sha512 integrity.

    python scripts/vendor_web.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "src" / "frontlines" / "web" / "static" / "vendor"
# package@version -> (folder under vendor/, files inside the package to copy)
PACKAGES = {
    "leaflet@1.9.4": (
        "leaflet",
        (
            "dist/leaflet.js",
            "dist/leaflet.css",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
            "LICENSE",
        ),
    ),
    "leaflet.markercluster@1.5.3": (
        "markercluster",
        (
            "dist/leaflet.markercluster.js",
            "dist/MarkerCluster.css",
            "dist/MarkerCluster.Default.css",
            "MIT-LICENCE.txt",
        ),
    ),
}


def integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def vendor_package(spec: str, folder: str, files: tuple[str, ...], work: Path) -> str:
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=work, check=True)
    name = spec.rsplit("@", 1)[0]
    tgz = next(work.glob(f"{name}-*.tgz"))
    target = VENDOR / folder
    with tarfile.open(tgz) as archive:
        meta = json.load(archive.extractfile("package/package.json"))  # type: ignore[arg-type]
        for inside in files:
            member = archive.extractfile(f"package/{inside}")
            if member is None:
                raise SystemExit(f"{spec} has no {inside}")
            out = target / inside.removeprefix("dist/")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(member.read())
    return (
        f"| {meta['name']} | {meta['version']} | {meta.get('license', '?')} | "
        f"`vendor/{folder}/` | `{integrity(tgz)}` |"
    )


def main() -> None:
    shutil.rmtree(VENDOR, ignore_errors=True)
    VENDOR.mkdir(parents=True)
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for spec, (folder, files) in PACKAGES.items():
            rows.append(vendor_package(spec, folder, files, Path(work)))
    (VENDOR / "PROVENANCE.md").write_text(
        "# Vendored web libraries\n\n"
        "Copied from the npm registry by `scripts/vendor_web.py` (`npm pack`); built files and "
        "licences only, unmodified. Re-run the script to update; change versions there.\n\n"
        "| package | version | licence | here | npm tarball integrity |\n"
        "| --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n\n"
        "The basemap (`frontlines/data/outlines/countries.geojson`) is built by "
        "`scripts/build_outlines.py` from npm `world-atlas` 2.0.2 (ISC), which packages "
        "Natural Earth admin-0 countries (public domain).\n",
        encoding="utf-8",
    )
    print(f"vendored {len(rows)} packages into {VENDOR}")


if __name__ == "__main__":
    main()
