"""Where the heavy steps run. An engine is a mapper: `engine(fn, items)` yields
`fn(item)` for each item, in input order; the algorithms never know which one
they got, which is why every engine gives the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ..runner import ordered_map


class EngineError(Exception):
    """An engine cannot be used (a missing extra, an unreachable scheduler): one line, exit 2."""


Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]


def local(jobs: int) -> Mapper:
    """Processes on this machine (`jobs` of them; 1 means this process)."""

    def mapper(fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        few = isinstance(items, Sequence) and len(items) <= 1
        return ordered_map(fn, items, 1 if few else jobs)

    return mapper
