"""sitrep.verify: what a copy changed, and benchmarks for finding it.

* :func:`diff_articles` aligns a near-copy or rewrite to its original sentence
  by sentence and lists every edit, fact-changing or harmless, with spans;
* :func:`affiliation_conflicts` compares the country each person is tied to
  in two articles, wherever the words stand;
* :mod:`sitrep.verify.perturb` builds the seeded perturbation benchmark
  (``python -m sitrep.verify.perturb``; scored by ``python -m sitrep.eval.perturb``);
* :func:`independent_groups`, :func:`build_stories`, :func:`role_consensus`,
  :func:`canonical_events` and the contradiction flags (:class:`Flag`), all
  recomputed and saved for a store by :func:`verify_store`.
"""

from sitrep.verify.affiliations import affiliation_conflicts
from sitrep.verify.consensus import CanonicalEvent, RoleClaim, RoleConsensus, canonical_events, role_consensus
from sitrep.verify.flags import Flag
from sitrep.verify.independence import independent_groups
from sitrep.verify.records import Edit, RewriteDiff, SentencePair, Span
from sitrep.verify.rewrite_diff import diff_articles, diff_texts
from sitrep.verify.run import VerifySummary, verify, verify_store
from sitrep.verify.stories import Story, build_stories

__all__ = [
    "CanonicalEvent",
    "Edit",
    "Flag",
    "RewriteDiff",
    "RoleClaim",
    "RoleConsensus",
    "SentencePair",
    "Span",
    "Story",
    "VerifySummary",
    "affiliation_conflicts",
    "build_stories",
    "canonical_events",
    "diff_articles",
    "diff_texts",
    "independent_groups",
    "role_consensus",
    "verify",
    "verify_store",
]
