"""Language identification: clearly non-English documents are refused, English never is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.clean import clean_document
from frontlines.clean.language import check_language, identify_language
from frontlines.errors import UnsupportedLanguageError
from frontlines.models import Document

FRENCH = (
    "Les talibans ont pris le contrôle du district de Yamgan, dans la province du Badakhshan, "
    "dimanche soir, après le retrait des forces gouvernementales, selon des responsables locaux. "
    "Plus de mille soldats afghans se sont réfugiés au Tadjikistan voisin, a indiqué le service "
    "des gardes-frontières tadjiks, qui affirme les avoir accueillis pour des raisons humanitaires."
)
GERMAN = (
    "Die Taliban haben nach Angaben örtlicher Behörden am Sonntag den Bezirk Yamgan in der "
    "Provinz Badachschan eingenommen, nachdem sich die Regierungstruppen zurückgezogen hatten. "
    "Mehr als tausend afghanische Soldaten flohen über die Grenze nach Tadschikistan, teilte der "
    "tadschikische Grenzschutz mit, der sie aus humanitären Gründen aufgenommen habe."
)
RUSSIAN = (
    "Талибы в воскресенье захватили район Ямган в провинции Бадахшан после отхода "
    "правительственных сил, сообщили местные чиновники. Более тысячи афганских военных "
    "перешли границу с Таджикистаном, сообщила пограничная служба Таджикистана, которая "
    "заявила, что приняла их из гуманитарных соображений и по принципу добрососедства."
)
PERSIAN = (
    "طالبان روز یکشنبه پس از عقب نشینی نیروهای دولتی کنترل ولسوالی یمگان در ولایت بدخشان را "
    "به دست گرفتند، مقامات محلی گفتند. بیش از هزار سرباز افغان از مرز گذشتند و وارد "
    "تاجیکستان شدند، نیروی مرزبانی تاجیکستان اعلام کرد که آنها را به دلایل انسانی پذیرفته است "
    "و وضعیت در ولسوالی های همجوار نیز نگران کننده است."
)
ENGLISH_TRANSCRIPT = (
    "good evening the taliban say they have taken the district of shighnan in badakhshan "
    "province officials in fayzabad have not confirmed the report and now to candy har where "
    "police say a roadside bomb killed two officers on the road to spin boldak thank you"
)


@pytest.mark.parametrize(
    ("text", "language"), [(FRENCH, "fr"), (GERMAN, "de"), (RUSSIAN, "ru"), (PERSIAN, "fa")]
)
def test_clean_document_refuses_a_clearly_non_english_text(text: str, language: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as caught:
        clean_document(Document(id="foreign", text=text))
    assert caught.value.language == language
    assert caught.value.doc_id == "foreign"


@pytest.mark.parametrize(
    "text",
    [
        "Taliban take Yamgan.",
        "Kunduz: jets strike Taliban, 31 killed",
        "Khash district retaken by ANA",
        "Yamgan, Kuran wa Munjan, Arghanj Khwah, Khash, Shighnan, Ishkashim, Wakhan, Darwaz",
        ENGLISH_TRANSCRIPT,
    ],
)
def test_check_language_accepts_short_english_and_transcripts(text: str) -> None:
    assert check_language("en1", text) == "en"


def test_check_language_refuses_a_declared_foreign_language() -> None:
    with pytest.raises(UnsupportedLanguageError):
        check_language("d1", "Taliban take Yamgan.", declared="fr")


@pytest.mark.parametrize("declared", ["en", "en-US", "EN", None, ""])
def test_check_language_accepts_english_declarations(declared: str | None) -> None:
    assert check_language("d2", "Taliban take Yamgan.", declared=declared) == "en"


def test_identify_language_gives_a_probability() -> None:
    language, probability = identify_language(FRENCH)
    assert language == "fr"
    assert 0.95 <= probability <= 1.0


@pytest.mark.shared
def test_clean_document_accepts_every_isaf_press_release(shared_data: Path) -> None:
    path = shared_data / "isaf-press-releases" / "isaf_dev.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
    for record in records:
        article = clean_document(
            Document(id=record["press_release_id"], text=record["text"], kind="press-release")
        )
        assert article.language == "en"
        assert article.comments == ()
        assert article.removed == ()  # official releases have no boilerplate lines to drop
