"""The public Python API: `frontlines.extract_events`, `frontlines.Pipeline`, typed package."""

from __future__ import annotations

import dataclasses
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

import frontlines
from frontlines.cli.demo_cmd import sample_reports_dir
from frontlines.ingest import read_documents
from frontlines.models import Event

REPO = Path(__file__).resolve().parents[1]
SAMPLE = sample_reports_dir() / "03_kunduz_helmand_airstrikes.txt"


@pytest.fixture(autouse=True)
def _private_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINES_CACHE_DIR", str(cache_dir))


def _sample_text() -> tuple[str, date | None]:
    (document,) = list(read_documents([str(SAMPLE)]))
    assert not isinstance(document, frontlines.RunResult)
    text, published = getattr(document, "text", None), getattr(document, "published", None)
    assert text
    return text, published


def test_api_extract_events_gives_what_the_pipeline_gives_for_the_file() -> None:
    text, published = _sample_text()
    events = frontlines.extract_events(text, published=published)
    assert events and all(isinstance(event, Event) for event in events)
    assert any(event.sub_event_type == "Air/drone strike" for event in events)
    run = frontlines.Pipeline().run([str(SAMPLE)])
    # Same events; ids differ, as the file's header gives its document an id and an outlet.
    assert sorted((e.event_date, e.sub_event_type, e.location, e.fatalities) for e in events) == (
        sorted((e.event_date, e.sub_event_type, e.location, e.fatalities) for e in run.events)
    )


def test_api_pipeline_keeps_its_model_and_adds_gazetteer_files() -> None:
    gazetteer = REPO / "tests" / "fixtures" / "gazetteer" / "af_small.csv"
    pipeline = frontlines.Pipeline(gazetteer=[gazetteer])
    assert pipeline.settings.gazetteer_files[-1] == gazetteer
    text, published = _sample_text()
    first = pipeline.extract(text, published=published)
    resources_after_first = pipeline.resources
    second = pipeline.extract(text, published=published)
    assert pipeline.resources is resources_after_first
    assert [dataclasses.asdict(e) for e in first] == [dataclasses.asdict(e) for e in second]


def test_api_is_typed_and_lazy() -> None:
    assert resources.files("frontlines").joinpath("py.typed").is_file()
    assert "Pipeline" in frontlines.__all__ and "extract_events" in frontlines.__all__
    with pytest.raises(AttributeError):
        _ = frontlines.no_such_name  # type: ignore[attr-defined]


def test_api_pipeline_runs_a_small_job_in_this_process() -> None:
    # One document: starting two workers (each loading the model) would cost more than it saves.
    pipeline = frontlines.Pipeline(workers=2)
    result = pipeline.run([str(SAMPLE)])
    assert result.events and not result.failures
    assert pipeline._resources is not None  # the model was loaded here, no worker started
