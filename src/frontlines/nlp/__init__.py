"""The nlp stage: spaCy pipeline loading and per-article analysis (parse + places)."""

from frontlines.nlp.pipeline import analyse, load_nlp

__all__ = ["analyse", "load_nlp"]
