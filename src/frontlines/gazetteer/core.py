"""The in-memory Gazetteer: entries indexed by normalised, folded and skeleton name keys."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rapidfuzz import fuzz, process

from frontlines.gazetteer.cache import (
    as_entry,
    country_of,
    level_of,
    name_keys,
    population_of,
)
from frontlines.gazetteer.merge import MergedEntries
from frontlines.gazetteer.names import fold_key, normalise_name, skeleton_key, skeleton_of_fold
from frontlines.models import GazetteerEntry

# search(): a skeleton (phonetic) candidate needs this fold-key similarity (0..100); calibrated on
# tests/fixtures/variants.csv, where true variants score >= 75 and near-misses below 70.
PHONETIC_MIN_RATIO = 75.0
# search(): last-resort fuzzy candidates over all fold keys need this similarity (0..100).
FUZZY_MIN_RATIO = 85.0
LEVEL_RANK = {"country": 0, "admin1": 1, "admin2": 2, "place": 3}


class Gazetteer:
    """Places by name: exact (normalised), romanisation variants (fold key), phonetic
    (skeleton key) and fuzzy search. Build with `load_gazetteer(settings)`."""

    def __init__(self, merged: MergedEntries, *, sources: dict[str, Any]) -> None:
        self._entries = merged.entries
        self._by_norm: dict[str, list[int]] = {}
        self._by_fold: dict[str, list[int]] = {}
        self._by_skeleton: dict[str, list[int]] | None = None
        self._index(merged)
        self._by_id = {
            self._id_of(i): i for i in range(len(self._entries)) if i not in merged.hidden
        }
        self._hidden = merged.hidden
        self._countries = {
            self.entry(i).country_code: self.entry(i).name
            for i, stored in enumerate(self._entries)
            if level_of(stored) == "country" and i not in merged.hidden
        }
        self.max_tokens = max((k.count(" ") + 1 for k in self._by_norm), default=1)
        self._sources = sources
        self.imported_countries = merged.covered
        self._fold_choices: list[str] | None = None

    def _index(self, merged: MergedEntries) -> None:
        """Start from the default's prebuilt buckets (already in prominence order), drop hidden
        default entries, then add the imported keys; only buckets mixing sources are sorted."""
        offset = merged.base_offset
        base_norm, base_fold = merged.base_index
        if offset:
            base_norm = {k: [i + offset for i in v] for k, v in base_norm.items()}
            base_fold = {k: [i + offset for i in v] for k, v in base_fold.items()}
        self._by_norm, self._by_fold = base_norm, base_fold
        for index in merged.hidden:
            if index < offset:
                continue
            for _i, norm, fold, _skeleton, _primary in name_keys(
                index, as_entry(self._entries[index])
            ):
                _remove(self._by_norm, norm, index)
                _remove(self._by_fold, fold, index)
        mixed: set[str] = set()
        mixed_folds: set[str] = set()
        for offset_of_block, keys in merged.blocks:
            for entry_index, norm, fold, _skeleton, _primary in keys:
                index = entry_index + offset_of_block
                if index in merged.hidden:
                    continue
                if _add(self._by_norm, norm, index):
                    mixed.add(norm)
                if _add(self._by_fold, fold, index):
                    mixed_folds.add(fold)
        for key in mixed:
            self._by_norm[key].sort(key=self.prominence_rank)
        for key in mixed_folds:
            self._by_fold[key].sort(key=self.prominence_rank)

    def _build_skeletons(self) -> dict[str, list[int]]:
        """The skeleton index, derived from the fold index at first use."""
        skeletons: dict[str, list[int]] = {}
        for fold, indexes in self._by_fold.items():
            skeleton = skeleton_of_fold(fold)
            if skeleton:
                skeletons.setdefault(skeleton, []).extend(indexes)
        for key, bucket in skeletons.items():
            if len(bucket) > 1:
                skeletons[key] = sorted(set(bucket), key=self.prominence_rank)
        return skeletons

    # ----------------------------------------------------------------- lookups

    def get(self, place_id: str) -> GazetteerEntry | None:
        """The entry with this id, or None."""
        index = self._by_id.get(place_id)
        return self.entry(index) if index is not None else None

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries whose name or alternate name equals `name` once normalised (then, if none,
        once romanisation-folded); most prominent first."""
        indexes = self.by_norm(normalise_name(name)) or self.by_fold(fold_key(name))
        return [self.entry(i) for i in indexes]

    def by_norm(self, norm: str) -> list[int]:
        """Entry indexes for a normalised name (`normalise_name`)."""
        return self._by_norm.get(norm, [])

    def by_fold(self, fold: str) -> list[int]:
        """Entry indexes for a fold key (`fold_key`)."""
        return self._by_fold.get(fold, [])

    def by_skeleton(self, skeleton: str) -> list[int]:
        """Entry indexes for a skeleton key (`skeleton_key`)."""
        if self._by_skeleton is None:
            self._by_skeleton = self._build_skeletons()
        return self._by_skeleton.get(skeleton, [])

    def entry(self, index: int) -> GazetteerEntry:
        """The entry at an index returned by `by_norm`/`by_fold`/`by_skeleton`."""
        stored = self._entries[index]
        if isinstance(stored, GazetteerEntry):
            return stored
        entry = as_entry(stored)
        self._entries[index] = entry
        return entry

    def _id_of(self, index: int) -> str:
        stored = self._entries[index]
        return stored.id if isinstance(stored, GazetteerEntry) else stored[0]

    def search(self, name: str, limit: int = 10) -> list[tuple[GazetteerEntry, float, str]]:
        """Candidates for a name, best first, with a score 0..1 and the rule that matched:
        exact/alt-name (normalised), variant (fold key), phonetic (skeleton key verified by
        similarity), fuzzy (closest fold keys)."""
        norm = normalise_name(name)
        fold = fold_key(name)
        found: dict[int, tuple[float, str]] = {}
        for index in self.by_norm(norm):
            is_primary = normalise_name(self.entry(index).name) == norm
            found[index] = (1.0, "exact") if is_primary else (0.95, "alt-name")
        for index in self.by_fold(fold):
            found.setdefault(index, (0.85, "variant"))
        for index in self.by_skeleton(skeleton_key(name)):
            ratio = max(fuzz.ratio(fold, f) for f in self.folds_of(index))
            if ratio >= PHONETIC_MIN_RATIO:
                found.setdefault(index, (0.6 + 0.2 * ratio / 100, "phonetic"))
        if not found and len(fold) >= 4:
            for other, ratio, _ in process.extract(
                fold,
                self._fold_list(),
                scorer=fuzz.ratio,
                limit=limit,
                score_cutoff=FUZZY_MIN_RATIO,
            ):
                for index in self.by_fold(other):
                    found.setdefault(index, (0.5 * ratio / 100, "fuzzy"))
        ranked = sorted(
            found.items(), key=lambda item: (-item[1][0], self.prominence_rank(item[0]))
        )
        return [(self.entry(i), score, rule) for i, (score, rule) in ranked[:limit]]

    def folds_of(self, index: int) -> list[str]:
        """Fold keys of every name of an entry."""
        entry = self.entry(index)
        return [fold_key(n) for n in (entry.name, *entry.alt_names)]

    def prominence_rank(self, index: int) -> tuple[int, int]:
        """Sort key: countries, then provinces, districts, towns; bigger population first."""
        stored = self._entries[index]
        return (LEVEL_RANK.get(level_of(stored), 4), -(population_of(stored) or 0))

    def _fold_list(self) -> list[str]:
        if self._fold_choices is None:
            self._fold_choices = list(self._by_fold)
        return self._fold_choices

    # ----------------------------------------------------------------- countries, info

    def country_name(self, country_code: str) -> str:
        """The country's name ("AF" -> "Afghanistan"); the code itself when unknown."""
        return self._countries.get(country_code.upper(), country_code)

    def admin1_entries(self, country_code: str, name: str) -> list[GazetteerEntry]:
        """Province rows of a country named `name` (normalised comparison)."""
        norm = normalise_name(name)
        found = [self.entry(i) for i in self.by_norm(norm)]
        return [e for e in found if e.level == "admin1" and e.country_code == country_code]

    def __len__(self) -> int:
        return len(self._by_id)

    def info(self) -> dict[str, Any]:
        """Counts by level and country, number of names, and the sources loaded."""
        visible = [e for i, e in enumerate(self._entries) if i not in self._hidden]
        levels = Counter(level_of(e) for e in visible)
        countries = Counter(country_of(e) for e in visible)
        return {
            "entries": len(visible),
            "names": len(self._by_norm),
            "name_keys": sum(len(v) for v in self._by_norm.values()),
            "levels": dict(levels),
            "countries": len(countries),
            "top_countries": dict(countries.most_common(5)),
            "sources": self._sources,
        }


def _add(index: dict[str, list[int]], key: str, value: int) -> bool:
    """Add a value to a bucket; True when the bucket already held other values."""
    bucket = index.get(key)
    if bucket is None:
        index[key] = [value]
        return False
    if bucket[-1] != value and value not in bucket:
        bucket.append(value)
        return True
    return False


def _remove(index: dict[str, list[int]], key: str, value: int) -> None:
    bucket = index.get(key)
    if bucket is not None and value in bucket:
        bucket.remove(value)
        if not bucket:
            del index[key]
