"""One exception tree for the whole package: FrontlinesError and one subclass per stage or seam.

Messages are one sentence in three parts: what failed, the offending value, what to do.
Library code raises these; only the CLI prints them.
"""

from __future__ import annotations


class FrontlinesError(Exception):
    """Base of every error frontlines raises on purpose."""


class ConfigError(FrontlinesError):
    """A setting is missing or has a value we cannot use."""


class IngestError(FrontlinesError):
    """An input could not be read as documents (missing path, bad encoding, broken line, ...)."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class CleanError(FrontlinesError):
    """A document could not be cleaned into an article."""

    def __init__(self, doc_id: str, problem: str) -> None:
        super().__init__(f"{doc_id}: {problem}")
        self.doc_id = doc_id
        self.problem = problem


class UnsupportedLanguageError(CleanError):
    """A document is not in a language the pipeline extracts from; it is reported and skipped."""

    def __init__(self, doc_id: str, language: str) -> None:
        super().__init__(
            doc_id,
            f"the text is in language '{language}', not English; it was skipped "
            "(only English is extracted today).",
        )
        self.language = language


class GazetteerError(FrontlinesError):
    """The gazetteer could not be built, imported or opened."""


class NlpError(FrontlinesError):
    """The NLP pipeline (spaCy model) could not be loaded or run."""


class ExtractError(FrontlinesError):
    """Event extraction failed for a document."""


class StoreError(FrontlinesError):
    """The event store could not be opened, migrated, read or written."""


class EvalError(FrontlinesError):
    """A gold file or prediction file could not be read for evaluation."""


class DocumentTimeoutError(FrontlinesError):
    """A document took longer than the per-document deadline; it is reported and skipped."""

    def __init__(self, doc_id: str, seconds: float) -> None:
        self.problem = (
            f"processing took longer than {seconds:g} seconds, the most one document may take; "
            "it was skipped, the batch goes on (check the document, or split it if it is long)."
        )
        super().__init__(f"{doc_id}: {self.problem}")
        self.doc_id = doc_id
        self.seconds = seconds


class ReportError(FrontlinesError):
    """A situation report could not be built or rendered."""


class ReportRequestError(ReportError):
    """A report was asked for a period or place the store cannot answer (a usage error)."""
