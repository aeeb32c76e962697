"""sitrep.verify."""
