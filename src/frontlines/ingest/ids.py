"""Document ids: the id a source gives, else a stable hash of the normalised content."""

from __future__ import annotations

import hashlib
import unicodedata

# Hex digits of the SHA-256 kept in a content id: 64 bits, no collision expected below ~10^9 docs.
CONTENT_ID_HEX_DIGITS = 16
CONTENT_ID_PREFIX = "sha256:"


def normalise_content(content: str) -> str:
    """The content as hashed: Unicode NFC, runs of whitespace as one space, no outer spaces.

    Line endings, indentation and a byte-order mark therefore do not change a document's id.
    """
    text = unicodedata.normalize("NFC", content).replace("\ufeff", "")
    return " ".join(text.split())  # str.split() is ~10x faster than a \s+ regex here


def content_id(content: str) -> str:
    """A stable id for a text or HTML content: "sha256:" + the first 16 hex digits of its hash."""
    digest = hashlib.sha256(normalise_content(content).encode("utf-8")).hexdigest()
    return CONTENT_ID_PREFIX + digest[:CONTENT_ID_HEX_DIGITS]


def document_id(given: object, content: str) -> str:
    """The given id as a string (JSON numbers too), else the content id."""
    if given is None:
        return content_id(content)
    text = str(given).strip()
    return text if text else content_id(content)


def content_fingerprint(content: str) -> str:
    """A fast exact-content digest, to tell whether two documents with one id are the same."""
    return hashlib.blake2b(
        content.encode("utf-8", errors="surrogatepass"), digest_size=16
    ).hexdigest()
