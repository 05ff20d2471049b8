"""Carry out a job: documents in, outcomes written in order, one exit status out.

The same path serves one stdin article and a folder of ten thousand files:
`inputs.documents` names them, `jobs.run` processes them (in this process or
in workers), and this module writes each outcome (stdout, a file, a pager),
reports errors on stderr, stops a run whose records all fail the same way,
and decides the exit status in one place.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from . import jobs
from .inputs import STDIN, Doc, InputSpec, documents
from .output import Messages, Printer, Progress, is_tty

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2
MAX_SAME_ERRORS = 10
"""A run stops after this many documents failed with the same problem (say, a
wrong --text-field on every record): the first says what is wrong, the rest
would only repeat it."""


@dataclass(frozen=True)
class Delivery:
    """Where and how the outcomes go; decided by the command line."""

    output_file: str | None = None
    color: bool = False
    tty: bool = False
    pager: bool = True
    quiet: bool = False
    jobs: int | None = None


class _Collector:
    """Everything that would go to stdout, for `-o FILE` (written only if all went well)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self, text: str) -> None:
        if text and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
        if text:
            self.parts.append(text)


def _unique_docs(docs: Iterator[Doc]) -> Iterator[Doc]:
    """Each real file once (in-place must not rewrite a file twice, even via a symlink)."""
    seen: set[str] = set()
    for doc in docs:
        real = os.path.realpath(doc.path or doc.name)
        if real not in seen:
            seen.add(real)
            yield doc


def _stdin_hint(spec: InputSpec, messages: Messages) -> None:
    """Like cat, but a person who typed just the command should know why it waits."""
    import sys

    if (not spec.names or STDIN in spec.names) and is_tty(sys.stdin):
        messages.note(
            "dedupe-cli: reading the article from stdin; end it with Ctrl-D "
            "(or name a FILE; --help for more)"
        )


def execute(job: jobs.Job, delivery: Delivery) -> int:
    """Run the job over its documents; the exit status (0, 1 for changes, 2 for errors)."""
    import sys

    messages = Messages(delivery.quiet)
    docs, total = documents(job.spec)
    if job.in_place:
        docs = _unique_docs(docs)
    _stdin_hint(job.spec, messages)
    collector = _Collector() if delivery.output_file else None
    printer = Printer(
        delivery.color, delivery.tty, delivery.pager, "\n" if job.command == "summarize" else ""
    )
    progress = Progress(total, is_tty(sys.stderr) and not delivery.quiet)
    same: Counter[str] = Counter()
    outcomes = jobs.run(job, docs, total, delivery.jobs)
    try:
        with contextlib.closing(outcomes):
            for outcome in outcomes:
                progress.add(outcome)
                if outcome.error:
                    if _failed(outcome, same, messages):
                        break
                    continue
                _deliver(outcome, collector or printer, messages)
    finally:
        progress.close()
    printer.close()
    if collector is not None:
        _write_file(delivery.output_file or "", collector, messages)
    _summarise(job, progress, delivery, messages)
    return _status(job, progress, messages)


def _failed(outcome: jobs.Outcome, same: Counter[str], messages: Messages) -> bool:
    """Report an error; True when the run should stop (too many of the same kind)."""
    kind = outcome.error_kind
    if kind:
        same[kind] += 1
        if same[kind] > 1:
            if same[kind] >= MAX_SAME_ERRORS:
                messages.error(
                    f"stopped after {same[kind]} documents with the same problem as the first"
                )
                return True
            return False
    messages.error(outcome.error)
    return False


def _deliver(outcome: jobs.Outcome, sink: Printer | _Collector, messages: Messages) -> None:
    if outcome.report is not None and isinstance(sink, Printer):
        sink.report(outcome.report)
    elif outcome.output:
        sink.text(outcome.output)
    if outcome.note:
        messages.note(outcome.note)


def _write_file(path: str, collector: _Collector, messages: Messages) -> None:
    from .sources import InputError, write_atomic

    if messages.failed:
        messages.error(f"{path}: not written because an input failed")
        return
    try:
        write_atomic(path, "".join(collector.parts).encode("utf-8"), must_exist=False)
    except InputError as exc:
        messages.error(str(exc))


def _summarise(job: jobs.Job, progress: Progress, delivery: Delivery, messages: Messages) -> None:
    """The last stderr line: totals for check, and for runs over many documents."""
    if job.command == "check":
        noun = "document" if job.spec.jsonl else "file"
        n = progress.docs
        messages.note(f"{progress.dirty} of {n} {noun}{'s' * (n != 1)} with duplicates")
    elif job.spec.many or progress.enabled:
        messages.note(f"dedupe-cli: {progress.summary()}")


def _status(job: jobs.Job, progress: Progress, messages: Messages) -> int:
    """2 beats 1 beats 0; 1 means `check` (or any --diff) found something to change."""
    if messages.failed:
        return EXIT_ERROR
    if progress.dirty and (job.command == "check" or job.fmt == "diff"):
        return EXIT_CHANGES
    return EXIT_OK
