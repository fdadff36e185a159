"""The bundled sample reports read (ingest) and clean into what the demo relies on."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from frontlines.clean import clean_document
from frontlines.ingest import read_documents
from frontlines.models import Article, Failure

SAMPLES_DIR = Path(str(resources.files("frontlines").joinpath("data", "samples")))


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    cleaned: dict[str, Article] = {}
    for item in read_documents([str(SAMPLES_DIR)]):
        assert not isinstance(item, Failure), item
        article = clean_document(item)
        cleaned[Path(article.origin.split(":")[0]).name + "#" + article.id] = article
    return cleaned


def _one(articles: dict[str, Article], file_name: str) -> Article:
    matches = [a for key, a in articles.items() if key.startswith(file_name + "#")]
    assert len(matches) == 1
    return matches[0]


def test_samples_are_about_ten_files_and_all_clean(articles: dict[str, Article]) -> None:
    files = {key.split("#")[0] for key in articles}
    assert len(files) >= 10
    assert all(article.body.strip() for article in articles.values())
    assert all(article.published is not None for article in articles.values())
    assert all(article.language == "en" for article in articles.values())


def test_sample_comment_section_is_kept_out_of_the_body(articles: dict[str, Article]) -> None:
    article = _one(articles, "02_soldiers_flee_tajikistan_comments.txt")
    assert article.kind == "article-with-comments"
    assert len(article.comments) == 7
    assert all(c.author for c in article.comments)
    for rumour in ("500 Taliban were killed", "Pakistan is behind", "Shoot the deserters"):
        assert rumour not in article.body
        assert any(rumour in c.text for c in article.comments)
    assert max(c.toxicity for c in article.comments) > 0.9


def test_sample_html_page_has_body_title_and_authored_comments(
    articles: dict[str, Article],
) -> None:
    article = _one(articles, "05_kabul_protest_comments.html")
    assert article.kind == "article-with-comments"
    assert [c.author for c in article.comments] == [
        "Hamid Qaderi",
        "truth_seeker_2021",
        "Roya",
        "Dave in Denver",
    ]
    assert "threw stones at police" in article.body
    assert "shot ten protesters" not in article.body


def test_sample_transcript_is_segmented(articles: dict[str, Article]) -> None:
    article = _one(articles, "06_tv_transcript_evening.txt")
    assert article.kind == "transcript"
    assert len(re.findall(r"[.!?][\"”]?(?:\s|$)", article.body)) >= 8
    assert "candy har" in article.body and "Kabul" in article.body


def test_sample_press_release_keeps_its_dateline(articles: dict[str, Article]) -> None:
    article = _one(articles, "07_mod_press_release.txt")
    assert article.kind == "press-release"
    assert "KABUL, Afghanistan (July 6, 2021)" in article.body
    assert article.removed == ()


def test_sample_batch_and_feed_give_several_documents(articles: dict[str, Article]) -> None:
    batch = [a for key, a in articles.items() if key.startswith("08_wire_batch.jsonl#")]
    feed = [a for key, a in articles.items() if key.startswith("09_northern_feed.rss#")]
    assert len(batch) >= 6
    assert len({a.outlet for a in batch}) >= 3
    assert len(feed) >= 4
    assert any("Click to enlarge" in r.text for a in feed for r in a.removed)
