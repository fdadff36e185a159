"""Entities among a few tokens, read from the tokens' IOB tags (cost independent of doc length),
and the document's text built once."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def ents_starting_in(tokens: list[Token]) -> list[Span]:
    """Entities that start at one of `tokens`, with their label and (as `id_`) their ent id.

    `Span.ents` and `Doc.ents` walk the whole document; in a long body that is paid once per
    argument of every trigger, so the entities are rebuilt from the tokens instead."""
    if not tokens:
        return []
    doc = tokens[0].doc
    found: list[Span] = []
    for token in sorted(tokens, key=lambda t: t.i):
        if token.ent_iob_ != "B":
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        found.append(Span(doc, token.i, end, label=token.ent_type_, span_id=token.ent_id_))
    return found


DOC_TEXT_KEY = "frontlines.doc_text"


def doc_text(doc: Doc) -> str:
    """The document's text, built once: `Doc.text` joins every token anew on each call, which
    per trigger in a long body costs more than the extraction itself."""
    text = doc.user_data.get(DOC_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[DOC_TEXT_KEY] = text
    return text
