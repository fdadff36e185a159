"""The loaded gazetteer (default world gazetteer + tests/fixtures/gazetteer/af_small.csv)."""

from __future__ import annotations

from frontlines.gazetteer import Gazetteer


def test_gazetteer_has_over_100k_names(gazetteer: Gazetteer) -> None:
    info = gazetteer.info()
    assert info["names"] >= 100_000
    assert info["levels"]["country"] >= 240


def test_lookup_finds_an_alternate_spelling(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Qunduz")
    assert any(e.id == "t-kdz" and e.level == "admin1" for e in found)


def test_lookup_folds_romanisation_when_nothing_matches_exactly(gazetteer: Gazetteer) -> None:
    assert [e.id for e in gazetteer.lookup("Kuran-o-Munjan")][:1] == ["t-bdk-kwm"]


def test_search_reports_the_rule_that_matched(gazetteer: Gazetteer) -> None:
    results = gazetteer.search("Pol-e Khomri", limit=5)
    by_id = {entry.id: rule for entry, _score, rule in results}
    assert by_id["t-bgl-pkh"] in ("variant", "phonetic")
    assert all(0 <= score <= 1 for _e, score, _r in results)


def test_search_finds_a_misspelling_by_phonetic_key(gazetteer: Gazetteer) -> None:
    names = [entry.name for entry, _score, _rule in gazetteer.search("Shibirghan")]
    assert "Sheberghan" in names


def test_get_returns_the_entry_with_that_id(gazetteer: Gazetteer) -> None:
    entry = gazetteer.get("t-jwz-fzb")
    assert entry is not None
    assert (entry.name, entry.admin1) == ("Fayzabad", "Jawzjan")
    assert gazetteer.get("no-such-id") is None


def test_country_name_of_a_code(gazetteer: Gazetteer) -> None:
    assert gazetteer.country_name("AF") == "Afghanistan"
    assert gazetteer.country_name("ua") == "Ukraine"


def test_imported_provinces_replace_the_default_ones(gazetteer: Gazetteer) -> None:
    provinces = [e for e in gazetteer.lookup("Badakhshan") if e.level == "admin1"]
    assert [e.id for e in provinces] == ["t-bdk"]


def test_default_town_takes_its_district_from_the_imported_gazetteer(gazetteer: Gazetteer) -> None:
    towns = [e for e in gazetteer.lookup("Kunduz") if e.level == "place"]
    assert towns
    assert towns[0].admin1 == "Kunduz"
    assert towns[0].population and towns[0].population > 100_000


def test_default_gazetteer_knows_provinces_of_other_countries(gazetteer: Gazetteer) -> None:
    levels = {(e.country_code, e.level) for e in gazetteer.lookup("Tigray")}
    assert ("ET", "admin1") in levels
