"""Rule engine: the rule model, pack loading and validation, selection, matching."""
