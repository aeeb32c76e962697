"""sitrep.verify: what a copy changed, and benchmarks for finding it.

* :func:`diff_articles` aligns a near-copy or rewrite to its original sentence
  by sentence and lists every edit, fact-changing or harmless, with spans;
* :func:`affiliation_conflicts` compares the country each person is tied to
  in two articles, wherever the words stand;
* :mod:`sitrep.verify.perturb` builds the seeded perturbation benchmark
  (``python -m sitrep.verify.perturb``; scored by ``python -m sitrep.eval.perturb``).
"""

from sitrep.verify.affiliations import affiliation_conflicts
from sitrep.verify.records import Edit, RewriteDiff, SentencePair, Span
from sitrep.verify.rewrite_diff import diff_articles, diff_texts

__all__ = [
    "Edit",
    "RewriteDiff",
    "SentencePair",
    "Span",
    "affiliation_conflicts",
    "diff_articles",
    "diff_texts",
]
