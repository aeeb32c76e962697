"""sitrep.web."""
