"""Sentence boundaries that transcript segmentation finds on hand-segmented transcripts."""

from __future__ import annotations

import json
import re
from pathlib import Path

from frontlines.clean.transcript import segment_transcript

GOLD_DIR = Path(__file__).parent.parent / "fixtures" / "clean" / "transcripts"
FLOORS = json.loads((GOLD_DIR.parent / "floors.json").read_text(encoding="utf-8"))
_SENTENCE_END = re.compile(r"[.!?][\"”]?$")


def gold_boundaries(sentences: list[str]) -> tuple[str, set[int]]:
    """The raw transcript and the word indices where a new sentence starts (after the first)."""
    boundaries: set[int] = set()
    count = 0
    for sentence in sentences[:-1]:
        count += len(sentence.split())
        boundaries.add(count)
    return " ".join(sentences), boundaries


def predicted_boundaries(segmented: str) -> set[int]:
    words = segmented.split()
    return {index + 1 for index, word in enumerate(words[:-1]) if _SENTENCE_END.search(word)}


def boundary_counts() -> tuple[int, int, int]:
    """(right, predicted, gold) over every gold transcript."""
    right = predicted_total = gold_total = 0
    for path in sorted(GOLD_DIR.glob("*.sentences.txt")):
        sentences = [s for s in path.read_text(encoding="utf-8").split("\n") if s.strip()]
        raw, gold = gold_boundaries(sentences)
        predicted = predicted_boundaries(segment_transcript(raw))
        right += len(gold & predicted)
        predicted_total += len(predicted)
        gold_total += len(gold)
    return right, predicted_total, gold_total


def test_segment_transcript_keeps_every_word_in_order() -> None:
    for path in sorted(GOLD_DIR.glob("*.sentences.txt")):
        raw = " ".join(s for s in path.read_text(encoding="utf-8").split("\n") if s.strip())
        words = [re.sub(r"[^\w'-]", "", w).lower() for w in segment_transcript(raw).split()]
        assert words == raw.split()


def test_segment_transcript_boundaries_meet_pinned_floors() -> None:
    right, predicted, gold = boundary_counts()
    assert gold >= 20
    assert right / predicted >= FLOORS["transcript_boundary_precision"]
    assert right / gold >= FLOORS["transcript_boundary_recall"]
