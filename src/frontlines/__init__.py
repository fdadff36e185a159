"""frontlines: raw reporting about armed conflict in, an event dataset analysts can trust out.

The public Python API (imported on first use, so `import frontlines.models` stays light):

    >>> import frontlines
    >>> events = frontlines.extract_events(text, published=date(2021, 7, 5))
    >>> pipeline = frontlines.Pipeline(gazetteer=["districts.csv"], workers=2)
    >>> pipeline.extract(text)            # the model stays loaded between calls
    >>> pipeline.run(["reports/"])        # files, folders, feeds; merged across documents

`frontlines.extract` is the extraction stage's sub-package, so the one-call function is named
`extract_events`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Pipeline", "RunResult", "__version__", "extract_events"]

if TYPE_CHECKING:
    from frontlines.pipeline import Pipeline, RunResult, extract_events


def __getattr__(name: str) -> Any:
    if name in {"Pipeline", "RunResult", "extract_events"}:
        from frontlines import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'frontlines' has no attribute '{name}'")
