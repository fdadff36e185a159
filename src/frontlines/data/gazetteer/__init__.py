"""Hand-written gazetteer data: variant rules and not-a-place lists (importlib.resources)."""
