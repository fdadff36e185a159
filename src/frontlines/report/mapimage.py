"""A static, offline map of the period's events and the control state at its end (PNG bytes):
country outlines shipped in data/outlines (Natural Earth via world-atlas), drawn with matplotlib."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba_array
from matplotlib.lines import Line2D
from shapely.geometry import MultiPolygon, Polygon, box, shape
from shapely.geometry.base import BaseGeometry

from frontlines.report.charts import WIDTH_INCHES, figure_png, new_figure
from frontlines.report.data import ReportData
from frontlines.report.layouts import STATUS_WORDS, event_type_color, status_color

# The map shows at least this many degrees of latitude and longitude around the events, and
# this share of the events' own extent on each side.
MIN_SPAN_DEGREES = 4.0
PAD_SHARE = 0.12
LAND_COLOR = "#f2f0eb"
BORDER_COLOR = "#9a9a9a"
SEA_COLOR = "#dde9f2"
# Width kept right of the map for its legend.
LEGEND_INCHES = 2.2

Bounds = tuple[float, float, float, float]


@lru_cache(maxsize=1)
def _outline_features() -> tuple[tuple[str, dict[str, Any], Bounds], ...]:
    """(name, GeoJSON geometry, bounds) of every country in data/outlines/countries.geojson,
    read once per process; shapes are built only for the countries a map shows."""
    text = files("frontlines.data").joinpath("outlines/countries.geojson").read_text("utf-8")
    return tuple(
        (feature["properties"]["name"], feature["geometry"], _bounds(feature["geometry"]))
        for feature in json.loads(text)["features"]
    )


def _bounds(geometry: dict[str, Any]) -> Bounds:
    """(west, south, east, north) of a GeoJSON Polygon or MultiPolygon, from its outer rings."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    lons = [x for polygon in polygons for x, _y in polygon[0]]
    lats = [y for polygon in polygons for _x, y in polygon[0]]
    return (min(lons), min(lats), max(lons), max(lats))


def country_outlines() -> tuple[tuple[str, BaseGeometry], ...]:
    """(name, shape) of every country in data/outlines/countries.geojson."""
    return tuple((name, shape(geometry)) for name, geometry, _bounds in _outline_features())


def outlines_within(extent: Bounds) -> list[tuple[str, BaseGeometry]]:
    """(name, shape) of the countries whose outline box overlaps `extent` (west, south, east,
    north); the map clips them to it."""
    return [
        (name, shape(geometry))
        for name, geometry, bounds in _outline_features()
        if _overlaps(bounds, extent)
    ]


def map_extent(data: ReportData) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the events and districts, padded, never too small."""
    lons = [p.longitude for p in data.points] + [p.longitude for p in data.control_points]
    lats = [p.latitude for p in data.points] + [p.latitude for p in data.control_points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x = max((east - west) * PAD_SHARE, (MIN_SPAN_DEGREES - (east - west)) / 2, 0.5)
    pad_y = max((north - south) * PAD_SHARE, (MIN_SPAN_DEGREES - (north - south)) / 2, 0.5)
    return (
        max(west - pad_x, -180.0),
        max(south - pad_y, -90.0),
        min(east + pad_x, 180.0),
        min(north + pad_y, 90.0),
    )


def _overlaps(a: Bounds, b: Bounds) -> bool:
    """Two (west, south, east, north) boxes overlap: a cheap test before shapely's."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _exteriors(geometry: BaseGeometry) -> Iterator[list[tuple[float, float]]]:
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    for polygon in polygons:
        if isinstance(polygon, Polygon) and not polygon.is_empty:
            yield list(polygon.exterior.coords)


def has_map(data: ReportData) -> bool:
    return bool(data.points or data.control_points)


def event_map(data: ReportData) -> bytes:
    """Events (dots by type, sized by fatalities) and districts' end-of-period status (squares)."""
    west, south, east, north = map_extent(data)
    frame = box(west, south, east, north)
    aspect = 1 / max(math.cos(math.radians((south + north) / 2)), 0.2)
    height = (WIDTH_INCHES - LEGEND_INCHES) * (north - south) * aspect / (east - west)
    figure, axes = new_figure(WIDTH_INCHES, min(max(height, 3.0), 8.0))
    axes.set_facecolor(SEA_COLOR)
    visible = [
        (name, geometry.intersection(frame))
        for name, geometry in outlines_within((west, south, east, north))
        if geometry.intersects(frame)
    ]
    rings = [ring for _name, g in visible for ring in _exteriors(g)]
    axes.add_collection(
        PolyCollection(rings, facecolors=LAND_COLOR, edgecolors=BORDER_COLOR, linewidths=0.6)
    )
    for name, geometry in visible:
        if geometry.area > 0.04 * frame.area:
            spot = geometry.representative_point()
            axes.text(spot.x, spot.y, name, fontsize=8, color="#777777", ha="center", alpha=0.8)
    # Arrays, not lists: matplotlib turns a list of thousands of floats into a masked array
    # element by element.
    colors = {t: to_rgba_array(event_type_color(t))[0] for t in {p.event_type for p in data.points}}
    axes.scatter(
        np.array([p.longitude for p in data.points]),
        np.array([p.latitude for p in data.points]),
        s=np.array(
            [10 + 4 * math.sqrt(p.events) + 6 * math.sqrt(p.fatalities) for p in data.points]
        ),
        c=np.array([colors[p.event_type] for p in data.points]).reshape(-1, 4),
        alpha=0.7,
        edgecolors="white",
        linewidths=0.4,
        zorder=3,
    )
    axes.scatter(
        np.array([p.longitude for p in data.control_points]),
        np.array([p.latitude for p in data.control_points]),
        s=70,
        marker="s",
        facecolors="none",
        edgecolors=[status_color(p.status) for p in data.control_points],
        linewidths=1.8,
        zorder=4,
    )
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect(aspect)
    axes.tick_params(labelsize=7)
    axes.legend(
        handles=_legend(data),
        fontsize=7,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
    )
    return figure_png(figure)


def _legend(data: ReportData) -> list[Line2D]:
    handles = [
        Line2D([], [], marker="o", linestyle="", color=event_type_color(t), label=t)
        for t in data.event_types
    ]
    statuses = sorted({p.status for p in data.control_points})
    handles += [
        Line2D(
            [],
            [],
            marker="s",
            linestyle="",
            markerfacecolor="none",
            markeredgecolor=status_color(s),
            markeredgewidth=1.8,
            label=f"district: {STATUS_WORDS.get(s, s)}",
        )
        for s in statuses
    ]
    return handles
