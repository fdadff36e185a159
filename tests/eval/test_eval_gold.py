"""The annotated set and the readers: gold.jsonl + report texts, prediction files."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from frontlines.errors import EvalError
from frontlines.eval.gold import read_gold, read_predictions

HEADER_KEYS = ("id", "outlet", "published", "kind", "title")


@pytest.fixture(scope="module")
def gold_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "gold"


def acled_taxonomy() -> dict[str, set[str]]:
    path = resources.files("frontlines") / "data" / "ontology" / "acled.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        item["event_type"]: {sub["sub_event_type"] for sub in item["sub_event_types"]}
        for item in data["event_types"]
    }


def test_read_gold_reads_every_report_with_its_text(gold_dir: Path) -> None:
    gold_set = read_gold(gold_dir)
    assert len(gold_set.reports) >= 40
    assert all(report.path.endswith(f"{report.doc_id}.txt") for report in gold_set.reports)
    assert len(gold_set.text_paths) == len(gold_set.reports)
    assert {report.kind for report in gold_set.reports} == {"article", "transcript"}


def test_gold_set_covers_all_event_types_countries_and_kinds(gold_dir: Path) -> None:
    gold_set = read_gold(gold_dir)
    events = [event for report in gold_set.reports for event in report.events]
    taxonomy = acled_taxonomy()
    assert {event.event_type for event in events} == set(taxonomy)
    assert len({event.sub_event_type for event in events}) >= 18
    assert {event.country for event in events} >= {
        "Afghanistan",
        "Ukraine",
        "Ethiopia",
        "Myanmar",
        "Mali",
        "Syria",
    }
    kinds = Counter(
        re.search(r"^kind: (\S+)", Path(r.path).read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
        for r in gold_set.reports
    )
    assert kinds["transcript"] >= 4
    assert sum(1 for r in gold_set.reports if not r.events) >= 1
    assert sum(1 for e in events if e.claimed_by) >= 8


@pytest.mark.parametrize("folder", ["gold", "gold-heldout"])
def test_gold_events_use_acled_spelling_and_resolved_dates(fixtures_dir: Path, folder: str) -> None:
    taxonomy = acled_taxonomy()
    for report in read_gold(fixtures_dir / folder).reports:
        for event in report.events:
            assert event.sub_event_type in taxonomy[event.event_type], report.doc_id
            assert isinstance(event.event_date, date), report.doc_id
            assert event.admin1 and event.country and event.actor1, report.doc_id


@pytest.mark.parametrize("folder", ["gold", "gold-heldout"])
def test_gold_texts_have_header_and_hold_their_not_event_sentences(
    fixtures_dir: Path, folder: str
) -> None:
    for report in read_gold(fixtures_dir / folder).reports:
        text = Path(report.path).read_text(encoding="utf-8")
        header, _sep, body = text.partition("\n---\n")
        keys = [line.split(":", 1)[0] for line in header.splitlines()]
        assert keys == list(HEADER_KEYS), report.doc_id
        assert f"id: {report.doc_id}" in header
        for sentence in report.not_events + report.ignored:
            assert sentence in body, (report.doc_id, sentence)


@pytest.mark.parametrize("folder", ["gold", "gold-heldout"])
def test_gold_events_are_dated_on_or_before_publication(fixtures_dir: Path, folder: str) -> None:
    for report in read_gold(fixtures_dir / folder).reports:
        text = Path(report.path).read_text(encoding="utf-8")
        published = date.fromisoformat(re.search(r"^published: (\S+)", text, re.M).group(1))  # type: ignore[union-attr]
        for event in report.events:
            assert event.event_date is not None
            assert 0 <= (published - event.event_date).days <= 3, report.doc_id


def test_read_gold_rejects_a_line_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"doc_id": "a", "events": []}\n{"doc_id": "b", "events": [\n', encoding="utf-8"
    )
    with pytest.raises(EvalError, match="Line 2"):
        read_gold(path)


def test_read_gold_rejects_an_event_without_type(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc_id": "a", "events": [{"admin1": "Kunduz"}]}) + "\n")
    with pytest.raises(EvalError, match="no event_type"):
        read_gold(path)


def test_read_gold_names_the_missing_path(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="No gold file"):
        read_gold(tmp_path / "nowhere")


def test_read_predictions_counts_a_merged_event_for_each_source(tmp_path: Path) -> None:
    record = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Taliban",
        "admin1": "Kunduz",
        "event_date": "2021-06-24",
        "fatalities": 6,
        "sources": [{"doc_id": "one"}, {"doc_id": "two"}],
        "evidence": [
            {"doc_id": "one", "text": "Taliban fighters clashed with troops in Kunduz."},
            {"doc_id": "two", "text": "Heavy fighting in Kunduz city."},
        ],
    }
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    events = read_predictions(path)
    assert [e.doc_id for e in events] == ["one", "two"]
    assert events[1].evidence == ("Heavy fighting in Kunduz city.",)
    assert events[0].event_date == date(2021, 6, 24) and events[0].fatalities == 6


def test_read_predictions_rejects_an_event_without_document(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps({"event_type": "Battles"}) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match="names no document"):
        read_predictions(path)


def test_heldout_reports_are_not_in_the_main_set(fixtures_dir: Path) -> None:
    main = read_gold(fixtures_dir / "gold").doc_ids
    heldout = read_gold(fixtures_dir / "gold-heldout").doc_ids
    assert heldout and not main & heldout
