"""Score the STORED contradiction flags on the perturbation benchmark.

``python -m sitrep.eval.perturb_flags --seed 0 [--n-per-kind N] [--mode with-original|cross-source] [--json]``

The example corpus is ingested and analysed once into a base store. The
perturbed copies (:func:`sitrep.verify.perturb.generate`) then go through the
real pipeline in rounds, so that no two copies of the same original share a
store (they would link to each other):

``with-original`` (default)
    round *k* is a copy of the base store plus the *k*-th perturbed copy of
    every original, ingested as new articles (own outlet and url, the
    original's date), so ingest links each copy to its original as a near-copy
    (a wire story and its rewrite);
``cross-source``
    one round per copy: the base store without the copy's original and
    everything linked to it as a copy or rewrite, plus the copy, so that only
    independent sources can contradict it (like seed 003, whose original is
    absent).

Scoring, on the flags stored on each copy after ``analyze`` (read + code +
verify): a copy is *found* when a high-severity flag whose claim span overlaps
the perturbed span has one of the kinds
:data:`~sitrep.eval.perturb_score.ACCEPTED_FLAG_KINDS` accepts
(*any-kind*: any kind; *any-severity*: an accepted kind at any severity,
e.g. an internal contradiction without independent evidence, which is at most
medium). For an inserted contradicting sentence the earlier
statement it contradicts counts as the perturbed span too. Precision = high
flags overlapping the perturbed span / all high flags on copies (a flag on an
unperturbed word or on a background harmless edit is wrong). Harmless copies
flagged = share of harmless copies with any high flag. ``collateral`` counts
high flags that adding the copies created on other articles.

In ``cross-source`` mode recall is also given for the perturbations whose
original fact another article of the round's store states
(:func:`~sitrep.eval.perturb_stated.stated_elsewhere`): a sentence there contains the changed words of the
original and, within six words of them, at least two of the names, numbers or
content words (not office titles) found within six words of them in the
original, for a count or a date one of them a name, and a count counts the
same thing, a count of time the same interval ("two days of contacts" is not
"two days later"), in an article published within ``perturb_stated.COUNT_DAYS`` of the
original's (a quote's speaker: three terms of the whole sentence; an actor
reversal: every name of the original clause and its verb); a date only in an
article published near the original's (:func:`~sitrep.eval.perturb_stated.same_time`), with no other count
beside it and its month not counted as context. An internal contradiction
counts when the earlier fact it contradicts is stated so.

The parts: :mod:`sitrep.eval.perturb_score` scores one copy,
:mod:`sitrep.eval.perturb_stated` says whether another article states the
original fact, :mod:`sitrep.eval.perturb_figures` sums the figures up; this
module runs the rounds and is the command.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from sitrep.eval.examples import EXAMPLES_DIR
from sitrep.eval.perturb_figures import format_table, summarise
from sitrep.eval.perturb_score import ACCEPTED_FLAG_KINDS, CopyResult, score_copy
from sitrep.eval.perturb_stated import stated_elsewhere, support_filter
from sitrep.eval.perturb_store import StoredCopy, add_copies, build_base, copy_store, remove_cluster
from sitrep.nlp.read import Reader
from sitrep.store.db import Store
from sitrep.store.verify import find_flags
from sitrep.verify.perturb import KINDS, Perturbation, clean_examples, generate, site_counts

__all__ = [
    "MODES",
    "count_sites",
    "default_support",
    "run_benchmark",
]

MODES = ("with-original", "cross-source")


Progress = Callable[[str], object]


def _high_keys(store: Store, *, exclude: Collection[str] = ()) -> set[tuple[str, str, int, int]]:
    return {
        (f["article_id"], f["kind"], int(f["start"]), int(f["end"]))
        for f in find_flags(store, min_severity="high")
        if f["article_id"] not in exclude
    }


def _drop(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _round(
    base: Path, target: Path, batch: Sequence[Perturbation], *, reader: Reader, label: str,
    known: Collection[tuple[str, str, int, int]] = (),
) -> tuple[list[tuple[Perturbation, StoredCopy, list[dict[str, Any]]]], int]:
    """Copy ``base`` to ``target``, add ``batch``, return each copy's stored flags and the collateral count
    (new high flags on other articles that neither ``base`` nor ``known``, the full base store's, has)."""
    with Store(base, readonly=True) as store:
        before = _high_keys(store) | set(known)
    copy_store(base, target)
    with Store(target) as store:
        stored = add_copies(store, batch, reader=reader, label=label)
        copy_ids = {s.article_id for s in stored if s.article_id}
        collateral = len(_high_keys(store, exclude=copy_ids) - before)
        out = [
            (item, sc, find_flags(store, article_id=sc.article_id) if sc.article_id else [])
            for item, sc in zip(batch, stored, strict=True)
        ]
    _drop(target)
    return out, collateral


def _groups(items: Sequence[Perturbation]) -> dict[str, list[Perturbation]]:
    groups: dict[str, list[Perturbation]] = {}
    for item in items:
        groups.setdefault(item.original_id, []).append(item)
    return groups


def _with_original(
    items: Sequence[Perturbation], base: Path, tmp: Path, *, reader: Reader, progress: Progress | None
) -> tuple[list[CopyResult], int]:
    groups = list(_groups(items).values())
    results: list[CopyResult] = []
    collateral = 0
    for k in range(max((len(g) for g in groups), default=0)):
        batch = [g[k] for g in groups if len(g) > k]
        scored, extra = _round(base, tmp / "round.db", batch, reader=reader, label=f"perturbation round {k}")
        collateral += extra
        results.extend(score_copy(item, sc, flags) for item, sc, flags in scored)
        if progress is not None:
            progress(f"round {k + 1}: {len(batch)} copies")
    return results, collateral


def _cross_source(
    items: Sequence[Perturbation],
    originals: Mapping[str, str],
    base: Path,
    tmp: Path,
    *,
    reader: Reader,
    progress: Progress | None,
) -> tuple[list[CopyResult], int]:
    results: list[CopyResult] = []
    collateral = 0
    minus = tmp / "minus.db"
    with Store(base, readonly=True) as store:
        known = _high_keys(store)  # removing a cluster can lower a flag that adding the copy raises back
    for original_id, group in _groups(items).items():
        copy_store(base, minus)
        with Store(minus) as store:
            remove_cluster(store, original_id, reader=reader)
            rows = store.conn.execute("SELECT text, published FROM articles").fetchall()
            texts, dates = [str(r[0]) for r in rows], [r[1] for r in rows]
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for item in group:
            scored, extra = _round(minus, tmp / "round.db", [item], reader=reader, label=f"perturbation {item.id}",
                                   known=known)
            collateral += extra
            for one, sc, flags in scored:
                result = score_copy(one, sc, flags)
                result.stated = (stated_elsewhere(one, originals[one.original_id], texts, published=dates)
                                 if one.harmful else None)
                results.append(result)
        _drop(minus)
        if progress is not None:
            progress(f"original {original_id}: {len(group)} copies")
    return results, collateral


def run_benchmark(
    *,
    seed: int,
    n_per_kind: int,
    mode: str = "with-original",
    background: int = 2,
    kinds: Sequence[str] = KINDS,
    examples: Path | None = None,
    reader: Reader | None = None,
    workdir: Path | None = None,
    base_store: Path | None = None,
    progress: Progress | None = None,
    min_support: int | None = None,
) -> dict[str, Any]:
    """Generate the benchmark, run it through ingest + analyze in rounds, and score the stored flags.

    ``base_store``: an already analysed store of the example corpus (read with
    ``reader``) to start from instead of building one; it is copied, never written.
    ``min_support``: fact-changing sites are chosen among those whose original
    fact at least this many independence clusters other than the original's
    state (:func:`~sitrep.eval.perturb_stated.support_filter`). By default what a ``high`` flag needs under
    the severity rule: 2 in ``cross-source`` mode, 1 ``with-original`` (the
    original counts as one supporting source); 0 takes every site, as the
    generator did before the severity rule.
    """
    if min_support is None:
        min_support = default_support(mode)
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    started = time.perf_counter()
    reader = reader or Reader.load()
    examples = examples or EXAMPLES_DIR
    originals = clean_examples(examples)
    texts = {a.id: a.text for a in originals.values()}
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-", dir=workdir) as name:
        tmp = Path(name)
        base = tmp / "base.db"
        if base_store is not None:
            copy_store(base_store, base)
        else:
            build_base(base, examples=examples, reader=reader)
        base_done = time.perf_counter()
        if progress is not None:
            progress(f"base store built in {base_done - started:.1f} s")
        keep = support_filter(base, texts, min_clusters=min_support) if min_support > 0 else None
        items = generate(originals, seed=seed, n_per_kind=n_per_kind, kinds=kinds, background=background, keep=keep)
        if mode == "with-original":
            results, collateral = _with_original(items, base, tmp, reader=reader, progress=progress)
        else:
            results, collateral = _cross_source(items, texts, base, tmp, reader=reader, progress=progress)
    out = summarise(results, mode=mode)
    out["collateral_high_flags"] = collateral
    out["config"] = {"seed": seed, "n_per_kind": n_per_kind, "mode": mode, "background": background,
                     "min_support": min_support}
    out["seconds"] = {
        "base": round(base_done - started, 1),
        "rounds": round(time.perf_counter() - base_done, 1),
        "total": round(time.perf_counter() - started, 1),
    }
    return out


def default_support(mode: str) -> int:
    """Independent clusters a site's original fact needs for a ``high`` flag in ``mode``."""
    return 2 if mode == "cross-source" else 1


def count_sites(
    *, seed: int, kinds: Sequence[str] = KINDS, examples: Path | None = None, min_support: int = 2,
    reader: Reader | None = None, base_store: Path | None = None,
) -> dict[str, dict[str, int]]:
    """Kind -> {"sites": all the finders return, "supported": those :func:`~sitrep.eval.perturb_stated.support_filter` keeps}."""
    examples = examples or EXAMPLES_DIR
    originals = clean_examples(examples)
    texts = {a.id: a.text for a in originals.values()}
    with tempfile.TemporaryDirectory(prefix="sitrep-sites-") as name:
        base = Path(name) / "base.db"
        if base_store is not None:
            copy_store(base_store, base)
        else:
            build_base(base, examples=examples, reader=reader or Reader.load())
        keep = support_filter(base, texts, min_clusters=min_support) if min_support > 0 else None
        counts = site_counts(originals, seed=seed, kinds=kinds, keep=keep)
    return {kind: {"sites": n, "supported": kept} for kind, (n, kept) in counts.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.eval.perturb_flags", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-per-kind", type=int, default=30)
    parser.add_argument("--mode", choices=MODES, default="with-original")
    parser.add_argument("--background", type=int, default=2, help="extra harmless rewrites per copy")
    parser.add_argument(
        "--min-support", type=int, default=None,
        help="use only sites whose original fact this many independent clusters state "
        "(default: what a high flag needs, 2 cross-source, 1 with the original)",
    )
    parser.add_argument("--any-site", action="store_true", help="every site, as before the severity rule (--min-support 0)")
    parser.add_argument("--sites", action="store_true", help="print the sites per kind (all / kept) and exit")
    parser.add_argument("--kinds", default=None, help="comma-separated perturbation kinds (default: all)")
    parser.add_argument("--examples", type=Path, default=None, help="example corpus folder (default: bundled)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list missed and wrongly flagged copies")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    kinds = tuple(args.kinds.split(",")) if args.kinds else KINDS
    unknown = [k for k in kinds if k not in ACCEPTED_FLAG_KINDS]
    if unknown:
        parser.error(f"unknown kinds: {', '.join(unknown)} (known: {', '.join(KINDS)})")

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    min_support = 0 if args.any_site else args.min_support or default_support(args.mode)
    if args.sites:
        print(json.dumps(count_sites(seed=args.seed, kinds=kinds, examples=args.examples, min_support=min_support)))
        return 0
    result = run_benchmark(
        min_support=min_support,
        seed=args.seed,
        n_per_kind=args.n_per_kind,
        mode=args.mode,
        background=args.background,
        kinds=kinds,
        examples=args.examples,
        progress=None if args.quiet or args.json else progress,
    )
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(format_table(result))
    if args.misses:
        for row in result["per_kind"]:
            for miss in row["misses"]:
                print(f"  {row['kind']}: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
