"""The views' memo computes an entry once, however many threads ask for it at the same time."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from sitrep.store.views import Memo


def test_memo_computes_an_entry_once_for_concurrent_callers() -> None:
    memo = Memo()
    calls: list[int] = []
    lock = threading.Lock()

    def compute() -> int:
        with lock:
            calls.append(1)
        time.sleep(0.2)  # long enough for every other caller to arrive while it runs
        return 42

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: memo.get(("fp",), "stats", compute), range(8)))
    assert results == [42] * 8 and len(calls) == 1
    assert memo.get(("fp",), "stats", compute) == 42 and len(calls) == 1
    assert memo.get(("fp", 2), "stats", compute) == 42 and len(calls) == 2  # the store changed: computed again


def test_memo_lets_the_next_caller_compute_after_a_failure() -> None:
    memo = Memo()

    def fail() -> int:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        memo.get(("fp",), "k", fail)
    assert memo.get(("fp",), "k", lambda: 7) == 7
