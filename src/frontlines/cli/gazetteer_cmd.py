"""`frontlines gazetteer build | import FILE... | info | search NAME`: manage the gazetteer."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from frontlines.cli.common import add_gazetteer_argument, settings_from_args
from frontlines.gazetteer import build_default, import_files, load_gazetteer
from frontlines.gazetteer.cache import level_of, read_cache


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "gazetteer",
        help="build, import, inspect and search the gazetteer",
        description="The default world gazetteer is built from installed packages at first use "
        "and cached; --gazetteer files (SCHEMA §5 CSV, GeoNames dumps, geoBoundaries GeoJSON) "
        "are added on top.",
    )
    verbs = parser.add_subparsers(dest="gazetteer_command", metavar="VERB")

    build = verbs.add_parser("build", help="(re)build the default world gazetteer cache")
    build.add_argument("--force", action="store_true", help="rebuild even if the cache is current")
    build.set_defaults(run=run_build)

    imports = verbs.add_parser(
        "import", help="check and cache gazetteer files (use them with --gazetteer FILE)"
    )
    imports.add_argument("files", nargs="+", metavar="FILE", type=Path)
    imports.set_defaults(run=run_import)

    info = verbs.add_parser("info", help="print counts of the loaded gazetteer as JSON")
    add_gazetteer_argument(info)
    info.set_defaults(run=run_info)

    search = verbs.add_parser("search", help="print the best matches for a name, one JSON per line")
    search.add_argument("name")
    search.add_argument("--limit", type=int, default=10)
    add_gazetteer_argument(search)
    search.set_defaults(run=run_search)
    parser.set_defaults(run=lambda _args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_build(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    started = time.perf_counter()
    path = build_default(settings, force=args.force)
    print(f"{path} ({time.perf_counter() - started:.1f} s)")
    return 0


def run_import(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    path = import_files(settings, args.files)
    entries, _keys, _meta = read_cache(path)
    levels: dict[str, int] = {}
    for entry in entries:
        level = level_of(entry)
        levels[level] = levels.get(level, 0) + 1
    print(json.dumps({"cache": str(path), "entries": len(entries), "levels": levels}))
    return 0


def run_info(args: argparse.Namespace) -> int:
    gazetteer = load_gazetteer(settings_from_args(args))
    print(json.dumps(gazetteer.info(), ensure_ascii=False, indent=1))
    return 0


def run_search(args: argparse.Namespace) -> int:
    gazetteer = load_gazetteer(settings_from_args(args))
    for entry, score, rule in gazetteer.search(args.name, limit=args.limit):
        record = {
            "id": entry.id,
            "name": entry.name,
            "level": entry.level,
            "country": gazetteer.country_name(entry.country_code),
            "admin1": entry.admin1,
            "admin2": entry.admin2,
            "lat": entry.lat,
            "lon": entry.lon,
            "score": round(score, 3),
            "rule": rule,
        }
        print(json.dumps(record, ensure_ascii=False))
    return 0
