"""Cross-source merging: the same event reported by many documents becomes one event."""

from frontlines.fuse.merging import combine, merge_events
from frontlines.fuse.scoring import district_mentions, is_mergeable, similarity

__all__ = ["combine", "district_mentions", "is_mergeable", "merge_events", "similarity"]
