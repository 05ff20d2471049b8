"""The Dask engine: the same pure steps, run as tasks on a Dask cluster.

Only chunks of documents go to the workers (read, clean, split, normalise,
hash, verify); the LSH band join and the union-find stay on the client,
where they need ~150 bytes per paragraph. Workers need dedupe-cli installed
(`pip install 'dedupe-cli[dask]'`), the same version as the client; files
named on the command line must be readable by the workers at the same path.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any


class DaskEngine:
    """A mapper over a `distributed.Client`; a few tasks per worker in flight."""

    def __init__(self, scheduler: str | None = None, client: Any = None) -> None:
        from distributed import Client

        self._own = client is None
        self.client = client if client is not None else Client(scheduler)

    def __call__(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        window = max(2, 4 * sum(self.client.nthreads().values()))
        pending: deque[Any] = deque()
        for item in items:
            pending.append(self.client.submit(fn, item, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        if self._own:
            self.client.close()
