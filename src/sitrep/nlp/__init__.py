"""sitrep.nlp."""
