"""The extract stage: ACLED-typed event mentions (trigger, actors, places, counts, claims)."""

from frontlines.extract.mentions import extract_mentions

__all__ = ["extract_mentions"]
