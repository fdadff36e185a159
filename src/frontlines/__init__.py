"""frontlines: raw reporting about armed conflict in, an event dataset analysts can trust out."""

__version__ = "0.1.0"
