"""Read-only views of the store for the HTTP API, the web pages and the static report.

Every function takes a :class:`ViewConn` (a read-only SQLite connection plus
what it knows about the schema) and returns plain JSON-ready dicts; the web
layer adds pagination links and never writes SQL itself. Queries are
parametrised; the only names put into SQL text are table and column names
checked against the live schema.

Tables of later stages (``events``, ``canonical_events``, ``stories``,
``flags``; migrations 4 and 5) may be absent in an older store: their views
then return no rows. Each has a fixed set of filters (see :data:`TABLE_FILTERS`);
canonical events carry their evidence (the articles of their mentions) and
flags their evidence passages with each article's outlet, title and date.
"""

from __future__ import annotations

from sitrep.store.views.articles import (
    article_detail,
    article_ids_for_source,
    article_text,
    list_articles,
    outlets,
    search,
)
from sitrep.store.views.conn import LATER_TABLES, LAYER_TABLES, Memo, Page, ViewConn, open_readonly
from sitrep.store.views.graphs import dyad, dyad_pairs, network
from sitrep.store.views.later import TABLE_FILTERS, TABLE_ORDER, filter_names, list_rows
from sitrep.store.views.layers import actors, mentions, quotes, roles
from sitrep.store.views.stats import stats

__all__ = [
    "LATER_TABLES",
    "LAYER_TABLES",
    "TABLE_FILTERS",
    "TABLE_ORDER",
    "Memo",
    "Page",
    "ViewConn",
    "actors",
    "article_detail",
    "article_ids_for_source",
    "article_text",
    "dyad",
    "dyad_pairs",
    "filter_names",
    "list_articles",
    "list_rows",
    "mentions",
    "network",
    "open_readonly",
    "outlets",
    "quotes",
    "roles",
    "search",
    "stats",
]
