"""sitrep.distributed."""
