"""Merge quality against gold clusters: pairwise precision, recall and F1 over document pairs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from frontlines.models import Event


@dataclass(frozen=True, slots=True)
class PairwiseScores:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int


def same_event_pairs(clusters: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    """Every unordered pair of members that share a cluster."""
    pairs: set[tuple[str, str]] = set()
    for cluster in clusters:
        members = sorted(set(cluster))
        pairs |= set(combinations(members, 2))
    return pairs


def clusters_by_document(events: Iterable[Event]) -> list[list[str]]:
    """The document ids each merged event draws on (one cluster per event)."""
    return [sorted({source.doc_id for source in event.sources}) for event in events]


def pairwise_scores(
    predicted: Iterable[Iterable[str]], gold: Mapping[str, Iterable[str]]
) -> PairwiseScores:
    """Pairwise precision/recall/F1 of predicted clusters against named gold clusters; pairs are
    counted only among items that appear in the gold."""
    gold_pairs = same_event_pairs(gold.values())
    known = {item for cluster in gold.values() for item in cluster}
    predicted_pairs = {
        pair for pair in same_event_pairs(predicted) if pair[0] in known and pair[1] in known
    }
    true = len(gold_pairs & predicted_pairs)
    precision = true / len(predicted_pairs) if predicted_pairs else 1.0
    recall = true / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairwiseScores(precision, recall, f1, true, len(predicted_pairs), len(gold_pairs))
