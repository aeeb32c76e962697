"""Read-only store connections for the server: one per worker thread, closed when the app stops."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

from sitrep.store import views
from sitrep.store.views import Memo, ViewConn, open_readonly

__all__ = ["ConnectionPool"]


class ConnectionPool:
    """Hands each thread its own read-only :class:`ViewConn` on the store file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[ViewConn] = []
        self._lock = threading.Lock()
        self.memo = Memo()
        open_readonly(path).close()  # fail at start, not on the first request, when the file is unusable

    def get(self) -> ViewConn:
        view: ViewConn | None = getattr(self._local, "view", None)
        if view is None:
            view = open_readonly(self.path, memo=self.memo)
            self._local.view = view
            with self._lock:
                self._all.append(view)
        return view

    def warm(self) -> threading.Thread:
        """Compute the whole-store aggregates (totals, actors, network, outlets) in a background thread,
        so the first visitor of the overview or the network page does not wait for them."""

        def run() -> None:
            with contextlib.suppress(sqlite3.Error):  # the app stopped while warming: nothing is lost
                self._warm_views()

        thread = threading.Thread(target=run, name="sitrep-warm", daemon=True)
        thread.start()
        return thread

    def _warm_views(self) -> None:
        view = self.get()
        views.stats(view)  # also groups the actors for the actor list
        views.outlets(view)
        views.network(view)
        for table in views.LATER_TABLES:
            views.list_rows(view, table, limit=1)

    def close(self) -> None:
        with self._lock:
            for view in self._all:
                view.close()
            self._all.clear()
        self._local = threading.local()
