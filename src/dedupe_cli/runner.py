"""Map a function over items in worker processes, results in input order.

Knows nothing about documents, Click or output: `ordered_map(fn, items, jobs)`
is the whole interface. Workers ignore SIGINT and SIGTERM for their whole
life (they are blocked before the fork and ignored before being unblocked),
so only the parent decides how a run stops: it closes the workers' pipes,
gives them `STOP_GRACE` seconds to finish the task in hand, and kills the
rest. A worker never prints: errors travel back to the parent as values.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

STOP_GRACE = 2.0
"""Seconds a stopping run waits for workers to finish the task in hand (an
`--in-place` write completes rather than leaving a temp file) before killing them."""
IN_FLIGHT_PER_WORKER = 4
"""Tasks sent but not yet yielded, per worker: bounds memory, keeps workers busy."""
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def default_jobs() -> int:
    """Cores this process may use (respects CPU affinity, e.g. in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class WorkerFailed(Exception):
    """A worker died or could not send its result back (not an error of `fn`)."""


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int) -> Generator[R, None, None]:
    """fn over items in `jobs` processes, in input order, a few tasks in flight.

    With one job everything runs in this process: same code, same output.
    An exception raised by `fn` in a worker is raised here, for its item.
    Close the iterator (or exhaust it) to stop the workers; `contextlib.closing`
    makes that certain when the caller may stop early.
    """
    if jobs <= 1:
        yield from map(fn, items)
        return
    pool = _Pool(fn, jobs)
    try:
        yield from pool.map(items)
    finally:
        pool.stop()


def _start_method() -> str:
    import multiprocessing

    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


class _Pool(Generic[T, R]):
    """Worker processes, each with its own pipe; the parent hands out tasks."""

    def __init__(self, fn: Callable[[T], R], jobs: int) -> None:
        import multiprocessing

        method = _start_method()
        ctx: Any = multiprocessing.get_context(method)
        self.procs: list[Any] = []
        self.conns: list[Any] = []
        blocked = _block_stop_signals()
        try:
            for _ in range(jobs):
                parent, child = ctx.Pipe()
                # a forked worker must not keep the parent's ends of any pipe open,
                # or a sibling would never see its pipe close
                inherited = (*self.conns, parent) if method == "fork" else ()
                proc = ctx.Process(target=_serve, args=(child, fn, inherited), daemon=False)
                proc.start()
                child.close()
                self.procs.append(proc)
                self.conns.append(parent)
        finally:
            _unblock(blocked)

    def map(self, items: Iterable[T]) -> Iterator[R]:
        from multiprocessing.connection import wait

        source = iter(items)
        idle = list(self.conns)
        busy: dict[Any, int] = {}
        done: dict[int, tuple[bool, Any]] = {}
        sent = yielded = 0
        window = IN_FLIGHT_PER_WORKER * len(self.conns)
        exhausted = False
        while True:
            while idle and not exhausted and sent - yielded < window:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                conn = idle.pop()
                self._send(conn, item)
                busy[conn] = sent
                sent += 1
            while yielded in done:
                ok, value = done.pop(yielded)
                yielded += 1
                if not ok:
                    raise value
                yield value
            if exhausted and yielded == sent:
                return
            if not busy:  # all answers were in: the window has room again
                continue
            for conn in wait(list(busy)):
                done[busy.pop(conn)] = self._receive(conn)
                idle.append(conn)

    @staticmethod
    def _send(conn: Any, item: Any) -> None:
        try:
            conn.send(item)
        except (OSError, EOFError) as exc:
            raise WorkerFailed(f"a worker process stopped unexpectedly ({exc})") from None

    @staticmethod
    def _receive(conn: Any) -> tuple[bool, Any]:
        try:
            ok, value = conn.recv()
        except (OSError, EOFError) as exc:
            raise WorkerFailed(f"a worker process stopped unexpectedly ({exc})") from None
        return ok, value

    def stop(self) -> None:
        """Close the pipes (a worker exits when its pipe ends), then reap or kill."""
        for conn in self.conns:
            conn.close()
        deadline = time.monotonic() + STOP_GRACE
        for proc in self.procs:
            proc.join(max(0.0, deadline - time.monotonic()))
        for proc in self.procs:
            if proc.exitcode is None:
                proc.kill()
                proc.join()


def _block_stop_signals() -> set[Any] | None:
    """Block SIGINT/SIGTERM so a new worker cannot get one before it ignores them."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)


def _unblock(previous: set[Any] | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _serve(conn: Any, fn: Callable[[Any], Any], inherited: tuple[Any, ...]) -> None:
    """A worker's life: ignore stop signals, answer tasks until the pipe closes."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    for other in inherited:
        other.close()
    try:
        while True:
            try:
                item = conn.recv()
            except (EOFError, OSError):
                break
            try:
                answer: tuple[bool, Any] = (True, fn(item))
            except BaseException as exc:
                answer = (False, exc)
            try:
                conn.send(answer)
            except (OSError, EOFError):
                break
            except Exception as exc:  # the result could not be pickled
                conn.send((False, WorkerFailed(f"cannot send a result back: {exc}")))
    finally:
        # no exit handlers, no flushing of buffers inherited from the parent
        os._exit(0)
