"""Stretches of text whose names are no places of the report: outlet and organisation names,
address lines, header and speaker labels, seas, rivers and regions.

`not_place_spans` returns (start, end) ranges; a place mention overlapping one is dropped:
1. organisation and outlet names that contain a place ("Voice of America", "Arakan Army");
2. an address line: a short line ending in a parenthesised place, with no sentence in it
   ("Voice of America (Washington, DC)");
3. a label at the start of a line, in capitals and followed by a colon ("BYLINE:", "SMITH:"):
   a header field or a transcript's speaker, never a place;
4. seas, gulfs, rivers and regions (data/gazetteer/not_places.json `water_and_regions`): places
   without a province ("the Red Sea" is not Sudan's Red Sea state) unless a unit word follows
   ("Red Sea state").
"""

from __future__ import annotations

import re
from functools import lru_cache

from frontlines.gazetteer.default import not_place_lists

ADDRESS_LINE = re.compile(r"^[ \t]*[A-Z][^\n.!?()]{0,60}\(([^()\n]{2,40})\)[ \t]*$", re.MULTILINE)
LABEL = re.compile(
    r"^[ \t]*([A-Z][A-Z'’-]{1,30}(?: [A-Z][A-Z'’-]{1,30}){0,2})[ \t]*:", re.MULTILINE
)
# A unit word after a sea or region name makes it the unit: "Red Sea state", "Sahel region".
UNIT_AFTER = re.compile(
    r"[ \t-]*(state|province|governorate|region|oblast|wilaya)\b", re.IGNORECASE
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lists = not_place_lists()
    organisations = sorted(lists["organisation_names"], key=len, reverse=True)
    regions = sorted(lists["water_and_regions"], key=len, reverse=True)

    def alternation(names: list[str]) -> str:
        return "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in names)

    return (
        re.compile(rf"\b(?:{alternation(organisations)})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{alternation(regions)})\b", re.IGNORECASE),
    )


def not_place_spans(text: str, *, caseless: bool = False) -> list[tuple[int, int]]:
    """(start, end) ranges of `text` whose names are not places of the report (see module)."""
    organisations, regions = _patterns()
    spans: list[tuple[int, int]] = []
    for match in organisations.finditer(text):
        if caseless or match.group(0)[:1].isupper():
            spans.append(match.span())
    for match in ADDRESS_LINE.finditer(text):
        spans.append(match.span(1))
    if not caseless:
        for match in LABEL.finditer(text):
            spans.append(match.span(1))
    for match in regions.finditer(text):
        if UNIT_AFTER.match(text, match.end()) is None:
            spans.append(match.span())
    return spans


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps one of the spans."""
    return any(start < span_end and span_start < end for span_start, span_end in spans)
