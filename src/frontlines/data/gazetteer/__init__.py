"""Hand-written gazetteer data: variant rules, not-a-place lists (loaded via importlib.resources)."""
