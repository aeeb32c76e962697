"""sitrep.store."""
