"""sitrep.eval."""
