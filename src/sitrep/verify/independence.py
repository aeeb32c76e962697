"""Independence clusters: a story and all its copies count as one source.

Two articles fall in the same cluster when the foundation linked them as
near-copies (``article_links`` of kind ``copy``, ``partial_copy`` or
``rewrite``, or ``articles.duplicate_of``); clusters are closed under those
links, so a wire story, the outlets that reprinted it (crediting the same
wire) and a rewrite of any of them count once. Exact duplicates are already
one article in the store. A cluster's id is the member that copies no other
(the earliest such by publication date, then id): the original.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sitrep.store.db import Store
from sitrep.store.verify import article_meta, link_rows

__all__ = ["group_articles", "independent_groups"]


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        if a in self.parent and b in self.parent:
            ra, rb = self.find(a), self.find(b)
            if ra != rb:
                self.parent[max(ra, rb)] = min(ra, rb)


def group_articles(
    published: Mapping[str, str | None],
    links: Iterable[tuple[str, str]],
) -> dict[str, str]:
    """Article id -> cluster id, for the articles in ``published`` (id -> date) joined by ``links``.

    Each link is (later copy, earlier original); a cluster is named after a
    member that copies nothing (the earliest such, then the smallest id).
    """
    uf = _UnionFind(published)
    copies: set[str] = set()
    for a, b in links:
        uf.union(a, b)
        copies.add(a)
    members: dict[str, list[str]] = {}
    for article_id in published:
        members.setdefault(uf.find(article_id), []).append(article_id)
    out: dict[str, str] = {}
    for group in members.values():
        head = min(group, key=lambda x: (x in copies, published[x] or "9999", x))
        for article_id in group:
            out[article_id] = head
    return out


def independent_groups(store: Store) -> dict[str, str]:
    """Article id -> independence cluster id (the cluster's original) for every stored article."""
    published: dict[str, str | None] = {}
    pairs: list[tuple[str, str]] = []
    for row in article_meta(store):
        published[row["id"]] = row["published"]
        if row["duplicate_of"]:
            pairs.append((row["id"], row["duplicate_of"]))
    pairs.extend((r["article_id"], r["other_id"]) for r in link_rows(store))
    return group_articles(published, pairs)
