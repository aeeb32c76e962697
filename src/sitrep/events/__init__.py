"""sitrep.events."""
