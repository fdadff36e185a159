"""The nlp stage: spaCy over the article body, an actor entity ruler, and gazetteer places as ents.

`load_nlp` loads the small English pipeline once and adds an entity ruler built from the actor
dictionary. `analyse` runs it over `Article.body` (long bodies in chunks of paragraphs through
`nlp.pipe`, joined back into one Doc whose offsets are the body's), resolves places with the
gazetteer (`toponyms.find_places`) and writes them into `doc.ents` and `doc.spans["places"]`,
overriding what the statistical NER said about the same words (it calls Afghan districts PERSON).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from frontlines.config import Settings
from frontlines.errors import NlpError
from frontlines.models import Analysis, Article, ResolvedPlace
from frontlines.nlp.actors import ACTOR_LABEL, home_country_code, load_actor_dictionary
from frontlines.nlp.toponyms import find_places

if TYPE_CHECKING:
    from frontlines.gazetteer import Gazetteer

# Bodies longer than this are parsed in chunks of whole paragraphs (bounded memory per parse;
# spaCy's own limit is 1,000,000 characters). 20k characters is ~3,500 words: a long article.
CHUNK_CHARS = 20_000
# Chunks parsed together by nlp.pipe (memory grows with the batch, not with the body).
CHUNK_BATCH = 4
# Entity labels handed to the toponym finder as NER hints.
NER_HINT_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"})
PLACES_SPAN_KEY = "places"
# doc.user_data key of the country most of the document's places are in (None without places):
# ambiguous actor phrases are read in its context ('Taliban' in Pakistan is the TTP).
DOCUMENT_COUNTRY_KEY = "frontlines.document_country"
# Components of the small English pipeline we do not use.
EXCLUDED_COMPONENTS: tuple[str, ...] = ()
RULER_NAME = "actor_ruler"
LINE_BREAKS_NAME = "line_break_sentences"

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def load_nlp(settings: Settings, gazetteer: Gazetteer | None = None) -> Language:
    """spaCy's English pipeline (settings.spacy_model) plus the actor entity ruler.

    Raises:
        NlpError: the model is not installed.
    """
    try:
        nlp = spacy.load(settings.spacy_model, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as error:
        raise NlpError(
            f"Could not load the spaCy model '{settings.spacy_model}' ({error}); install it or "
            "set FRONTLINES_SPACY_MODEL to an installed English pipeline."
        ) from error
    if "parser" in nlp.pipe_names and LINE_BREAKS_NAME not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS_NAME, before="parser")
    add_actor_ruler(nlp)
    return nlp


@Language.component(LINE_BREAKS_NAME)
def line_break_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs are not run together;
    a wire dateline opening a paragraph ('BANGKOK --', 'KABUL, Afghanistan (AP) —') ends
    before the report's first sentence, so that the parser does not hang the sentence on it."""
    line_starts = [0]
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
            line_starts.append(token.i + 1)
    for start in line_starts:
        after = _after_dateline(doc, start)
        if after is not None:
            doc[after].is_sent_start = True
        label_end = _after_heading_label(doc, start)
        if label_end is not None:
            doc[label_end].is_sent_start = False
    return doc


# Longest line-opening label joined to the sentence after its colon, in tokens
# ('August 8 – Taloqan:', 'Kunduz:').
MAX_LABEL_TOKENS = 10


def _after_heading_label(doc: Doc, start: int) -> int | None:
    """The first token after a short mixed-case label that opens a line and ends in a colon
    ('August 8 – Taloqan: The northern capital ... is seized'), or None. The label is the
    sentence's own heading (a timeline's date and place): the parser would otherwise cut it
    off as a sentence of its own and the event would lose its place. All-caps labels
    (transcript speakers, 'UPDATE:') are left alone."""
    end = min(len(doc) - 1, start + MAX_LABEL_TOKENS + 1)
    for token in doc[start:end]:
        if "\n" in token.text:
            return None
        if token.text == ":":
            label = doc[start : token.i]
            following = doc[token.i + 1]
            if (
                len(label) == 0
                or any(t.is_alpha and t.is_upper and len(t) > 1 for t in label)
                or not following.is_alpha
                or not following.is_title
            ):
                return None
            return following.i
    return None


DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
# Longest dateline looked at, in tokens ('GOMA, Democratic Republic of Congo, July 8 (Reuters) -').
MAX_DATELINE_TOKENS = 16
DATELINE_CONNECTORS = frozenset({"of", "the", "and"})


def _after_dateline(doc: Doc, start: int) -> int | None:
    """The token after a paragraph-opening dateline that ends in a dash, or None."""
    first = doc[start] if start < len(doc) else None
    if first is None or not (first.is_alpha and first.is_upper and len(first) >= 3):
        return None
    depth = 0
    for token in doc[start + 1 : start + MAX_DATELINE_TOKENS]:
        if token.text in ("(", ")"):
            depth += 1 if token.text == "(" else -1
        elif token.text in DATELINE_DASHES and depth == 0:
            following = token.i + 1
            return following if following < len(doc) and not doc[following].is_space else None
        elif depth == 0 and token.is_alpha and token.is_lower:
            if token.lower_ not in DATELINE_CONNECTORS:
                return None
        elif "\n" in token.text:
            return None
    return None


def add_actor_ruler(nlp: Language) -> None:
    """An entity ruler after NER that labels dictionary actors ACTOR with their canonical id."""
    if RULER_NAME in nlp.pipe_names:
        return
    ruler: Any = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        after="ner" if "ner" in nlp.pipe_names else None,
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    dictionary = load_actor_dictionary()
    patterns: list[dict[str, Any]] = [
        {"label": ACTOR_LABEL, "pattern": phrase, "id": entry.name}
        for phrase, entry in dictionary.phrases.items()
    ]
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(patterns)


def analyse(article: Article, *, nlp: Language, gazetteer: Gazetteer) -> Analysis:
    """Parse the body and resolve its places; places become ents and `doc.spans['places']`."""
    doc = parse_body(article.body, nlp)
    # Dictionary actors are organisations: "Arakan" in "Arakan Army" is not a place.
    hints = [
        (ent.start_char, ent.end_char, "ORG" if ent.label_ == ACTOR_LABEL else ent.label_)
        for ent in doc.ents
    ]
    ner_spans = [hint for hint in hints if hint[2] in NER_HINT_LABELS]
    ner_spans = drop_person_hints_in_place_lists(doc, ner_spans)
    places = find_places(
        article.body,
        gazetteer,
        doc_id=article.id,
        ner_spans=ner_spans,
        caseless=True if article.is_transcript else None,
        actor_countries=actor_home_countries(doc),
    )
    mark_places(doc, places)
    return Analysis(article=article, doc=doc, places=tuple(places), gazetteer=gazetteer)


def actor_home_countries(doc: Doc) -> list[str]:
    """The home country (ISO alpha-2) of each dictionary actor the text names, where it has
    one: evidence of the document's country when its place names give none."""
    codes = (home_country_code(ent.ent_id_) for ent in doc.ents if ent.label_ == ACTOR_LABEL)
    return [code for code in codes if code is not None]


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    text = resources.files("frontlines.data").joinpath("extract/cues.json").read_text("utf-8")
    return frozenset(json.loads(text)["territory_words"])


def drop_person_hints_in_place_lists(
    doc: Doc, hints: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """'the Yamgan, Jurm and Khash districts': the small model calls such names PERSON; a name
    coordinated with (or modifying) a place noun is no person, so its PERSON hint is dropped."""
    place_nouns = _place_nouns()
    kept: list[tuple[int, int, str]] = []
    for start, end, label in hints:
        if label == "PERSON":
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and _is_in_place_list(span.root, place_nouns):
                continue
        kept.append((start, end, label))
    return kept


def _is_in_place_list(token: Token, place_nouns: frozenset[str]) -> bool:
    related = [*token.conjuncts, token.head]
    return any(t.lower_ in place_nouns for t in related) or any(
        child.lower_ in place_nouns
        for t in related
        for child in t.children
        if child.dep_ == "compound"
    )


def parse_body(text: str, nlp: Language) -> Doc:
    """One Doc over `text`; long texts are parsed in paragraph chunks and joined."""
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    chunks = split_into_chunks(text, CHUNK_CHARS)
    docs = [_without_tensor(doc) for doc in nlp.pipe(chunks, batch_size=CHUNK_BATCH)]
    # spaCy's stubs lack the keyword-only `exclude` of Doc.from_docs (spaCy >= 3.3).
    joined = Doc.from_docs(  # type: ignore[call-arg]
        docs, ensure_whitespace=False, exclude=["tensor", "user_data"]
    )
    if joined.text != text:
        raise NlpError(
            f"Joining {len(docs)} parsed chunks changed the text of a {len(text)}-character body; "
            "report this document so the chunking can be fixed."
        )
    return joined


def _without_tensor(doc: Doc) -> Doc:
    """Drop the token vectors (~0.4 kB a token) that nothing downstream of the parse reads."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def split_into_chunks(text: str, limit: int) -> Iterator[str]:
    """Pieces of `text` of at most ~`limit` characters, cut after paragraph breaks (lossless)."""
    start = 0
    while len(text) - start > limit:
        window_end = start + limit
        cut = _last_break_before(text, start, window_end)
        yield text[start:cut]
        start = cut
    if start < len(text):
        yield text[start:]


def _last_break_before(text: str, start: int, end: int) -> int:
    best = -1
    for match in PARAGRAPH_BREAK.finditer(text, start, end):
        best = match.end()
    if best <= start:
        newline = text.rfind("\n", start, end)
        best = newline + 1 if newline > start else text.rfind(" ", start, end) + 1
    return best if best > start else end


def mark_places(doc: Doc, places: Sequence[ResolvedPlace]) -> None:
    """Write resolved places into the doc: `doc.spans['places']` and, over NER, `doc.ents`.

    A place inside a dictionary actor's name ("Arakan" in "Arakan Army") stays an actor."""
    actor_tokens = {
        i for ent in doc.ents if ent.label_ == ACTOR_LABEL for i in range(ent.start, ent.end)
    }
    place_spans: list[Span] = []
    for place in places:
        span = doc.char_span(
            place.start, place.end, label=_place_label(place), alignment_mode="expand"
        )
        if span is not None and not any(i in actor_tokens for i in range(span.start, span.end)):
            place_spans.append(span)
    doc.spans[PLACES_SPAN_KEY] = place_spans
    doc.user_data[DOCUMENT_COUNTRY_KEY] = _most_named_country(places)
    if not place_spans:
        return
    taken = {i for span in place_spans for i in range(span.start, span.end)}
    others = [ent for ent in doc.ents if not any(i in taken for i in range(ent.start, ent.end))]
    doc.ents = filter_spans([*place_spans, *others])


def _most_named_country(places: Sequence[ResolvedPlace]) -> str | None:
    counts = Counter(p.country for p in places if p.country)
    if not counts:
        return None
    return max(sorted(counts), key=lambda name: counts[name])


def _place_label(place: ResolvedPlace) -> str:
    return "GPE" if place.level in ("country", "admin1", "admin2") else "LOC"
