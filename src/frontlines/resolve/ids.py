"""Stable event ids: a hash of the document, the sentence offsets, the type and the place."""

from __future__ import annotations

import hashlib

from frontlines.models import Mention, ResolvedPlace

# Hex digits kept from the SHA-1 digest (64 bits: collisions are negligible per corpus).
EVENT_ID_HEX_DIGITS = 16


def event_id_for(mention: Mention, place: ResolvedPlace | None) -> str:
    """Same document, sentence, type and place => same id, run after run."""
    place_key = (place.place_id or place.name) if place else ""
    key = "|".join(
        (
            mention.doc_id,
            str(mention.sentence.start),
            str(mention.sentence.end),
            mention.sub_event_type,
            place_key,
        )
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:EVENT_ID_HEX_DIGITS]
